import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Input,
  List,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { DutyRulesView, GenerationReport, PlanTree, PlanTreeArea } from '../api/types.js';
import { label } from '../lib/i18n.js';
import { buildUrl } from '../api/client.js';
import { useApp } from '../app-context.js';
import { useLatest } from '../lib/latest.js';
import { IndicatorTag, ReportYearSelect, usePlanIndicatorReports } from '../components/plan-indicators.js';
import { AssignmentEditor, useCommitteeUnits } from '../components/AssignmentEditor.js';
import { hasLead } from '../lib/assignments.js';
import { PLAN_STATUS_LABELS } from '../../../src/plans/plan-labels.js';

type Area = PlanTreeArea;

/** A plan: areas → goals with lead/responsible units and indicators; task-division sheet; duty rules; regenerate. */
export default function PlanPage() {
  const { id } = useParams();
  const { api, locale, canWrite, session, isOffice } = useApp();
  const en = locale === 'en';
  const { message, modal } = App.useApp();
  const [plan, setPlan] = useState<PlanTree | null>(null);
  const [rules, setRules] = useState<DutyRulesView | null>(null);
  const [rulesText, setRulesText] = useState('');
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [dry, setDry] = useState<GenerationReport[] | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const reports = usePlanIndicatorReports(api, plan);
  const units = useCommitteeUnits(api, plan?.committeeId ?? null, canWrite);
  const [tab, setTab] = useState('goals');
  // Assignments drive duties: after an edit, point to the regenerate flow until it has run.
  const [assignmentsEdited, setAssignmentsEdited] = useState(false);
  const [reportYear, setReportYear] = useState<number | null>(null);
  // The server's today (its clock, LUOSHI_NOW in demos), not the browser's: the default report year is the last one.
  const serverYear = session?.today ? Number(session.today.slice(0, 4)) : null;

  const latestPlan = useLatest();
  const latestRules = useLatest();
  const load = useCallback(() => {
    latestPlan(api.get<PlanTree>(`/plans/${id}`), setPlan, (e: Error) => message.error(e.message));
    latestRules(
      api.get<DutyRulesView>(`/plans/${id}/duty-rules`),
      (r) => {
        setRules(r);
        setRulesText(JSON.stringify(r.overrides, null, 2));
      },
      () => undefined,
    );
  }, [api, id, message, latestPlan, latestRules]);
  useEffect(load, [load]);

  async function dryRun() {
    try {
      setDry(await api.post<GenerationReport[]>('/duties/generate', { planId: Number(id), dryRun: true }));
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  async function generate() {
    try {
      const r = await api.post<GenerationReport[]>('/duties/generate', { planId: Number(id) });
      message.success(
        en
          ? `${r[0]?.added.length ?? 0} added, ${r[0]?.moved.length ?? 0} moved, ${r[0]?.cancelled.length ?? 0} cancelled`
          : `新增 ${r[0]?.added.length ?? 0}，调整 ${r[0]?.moved.length ?? 0}，取消 ${r[0]?.cancelled.length ?? 0}`,
      );
      setDry(null);
      setAssignmentsEdited(false);
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  async function saveRules() {
    setRulesError(null);
    let overrides: unknown;
    try {
      overrides = JSON.parse(rulesText || '{}');
    } catch {
      setRulesError(en ? 'Not valid JSON' : 'JSON 格式不正确');
      return;
    }
    try {
      await api.put(`/plans/${id}/duty-rules`, { overrides, version: rules?.version });
      message.success(en ? 'Saved; regenerate to apply' : '已保存，重新生成后生效');
      load();
    } catch (e) {
      setRulesError(e instanceof Error ? e.message : String(e));
    }
  }
  async function uploadSheet(file: File, dryRun: boolean) {
    const form = new FormData();
    form.append('file', file);
    if (dryRun) form.append('dryRun', 'true');
    try {
      const r = await api.post<Record<string, unknown>>(`/plans/${id}/task-division`, form);
      setSheet(JSON.stringify(r, null, 2).slice(0, 4000));
      if (!dryRun) load();
    } catch (e) {
      setSheet(null);
      message.error((e as Error).message);
    }
  }

  if (!plan) return <Spin />;
  const leadless = (a: Area) => a.goals.filter((g) => !hasLead(g.assignments)).length;
  const admin = session?.user.role === 'office_admin';
  const years = Array.from({ length: plan.periodEnd - plan.periodStart + 1 }, (_, i) => plan.periodStart + i);
  const year =
    reportYear ?? Math.min(plan.periodEnd, Math.max(plan.periodStart, (serverYear ?? plan.periodStart + 1) - 1));
  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {plan.title}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 4 }}
        items={[
          { label: en ? 'Period' : '期限', children: `${plan.periodStart}–${plan.periodEnd}` },
          { label: en ? 'Issued' : '颁布日期', children: plan.issuedOn ?? '—' },
          { label: en ? 'Number' : '文号', children: plan.documentNumber ?? '—' },
          {
            label: en ? 'Status' : '状态',
            children: label(PLAN_STATUS_LABELS[plan.status as keyof typeof PLAN_STATUS_LABELS], locale, plan.status),
          },
        ]}
      />
      {isOffice && (
        <Space wrap style={{ margin: '12px 0' }}>
          <Typography.Text>{en ? 'Annual report' : '年度工作报告'}</Typography.Text>
          <Select
            aria-label={en ? 'Year' : '年度'}
            style={{ width: 110 }}
            value={year}
            onChange={setReportYear}
            options={years.map((y) => ({ value: y, label: en ? String(y) : `${y}年` }))}
          />
          <Button href={buildUrl(`/reports/plans/${plan.id}/annual.docx`, { year })}>
            {en ? 'Download report (.docx)' : '下载年度工作报告（Word）'}
          </Button>
          <Button href={buildUrl(`/reports/plans/${plan.id}/monitoring.xlsx`, { year })}>
            {en ? 'Monitoring data (.xlsx)' : '监测数据表（Excel）'}
          </Button>
        </Space>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'goals',
            label: en ? 'Areas and goals' : '领域与目标',
            children: (
              <>
                {assignmentsEdited && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={
                      en
                        ? 'Assignments changed: duties follow on the next regeneration (preview it first).'
                        : '分工已修改：任务在重新生成后随之变化（可先预览变更）。'
                    }
                    action={
                      <Button size="small" onClick={() => setTab('generate')}>
                        {en ? 'Go to generate duties' : '前往生成任务'}
                      </Button>
                    }
                  />
                )}
                <div style={{ marginBottom: 8 }}>
                  <ReportYearSelect
                    year={reports.year}
                    years={reports.years}
                    onChange={reports.setYear}
                    locale={locale}
                  />
                </div>
                <Collapse
                  defaultActiveKey={[String(plan.areas[0]?.id)]}
                  items={plan.areas.map((a) => ({
                    key: String(a.id),
                    label: (
                      <>
                        {`${a.number}. ${a.name}（${a.goals.length}）`}
                        {leadless(a) > 0 && (
                          <Tag color="warning" style={{ marginLeft: 8 }}>
                            {en ? `${leadless(a)} without lead unit` : `${leadless(a)} 个目标无牵头单位`}
                          </Tag>
                        )}
                      </>
                    ),
                    children: (
                      <List
                        size="small"
                        dataSource={a.goals}
                        renderItem={(g) => (
                          <List.Item style={{ display: 'block' }}>
                            <div>
                              {g.number}. {g.text}
                            </div>
                            <AssignmentEditor
                              goal={g}
                              units={units}
                              canWrite={canWrite}
                              locale={locale}
                              api={api}
                              onChanged={() => {
                                setAssignmentsEdited(true);
                                load();
                              }}
                            />
                            {g.indicators.length > 0 && (
                              <Space wrap size={4} style={{ marginTop: 4 }}>
                                {g.indicators.map((i) => (
                                  <IndicatorTag
                                    key={i.id}
                                    indicator={i}
                                    report={reports.byIndicator.get(i.id)}
                                    locale={locale}
                                  />
                                ))}
                              </Space>
                            )}
                          </List.Item>
                        )}
                      />
                    ),
                  }))}
                />
              </>
            ),
          },
          {
            key: 'division',
            label: en ? 'Task-division sheet' : '任务分工表',
            children: (
              <Card size="small">
                <Typography.Paragraph>
                  {en
                    ? 'Download the sheet, fill in the lead and responsible units, upload it back: first a preview, then apply.'
                    : '下载分工表，填写牵头和责任单位后上传：先预览，再应用。'}
                </Typography.Paragraph>
                <Space wrap>
                  <Button href={`/api/plans/${id}/task-division?format=xlsx`}>
                    {en ? 'Download .xlsx' : '下载 .xlsx'}
                  </Button>
                  <Button href={`/api/plans/${id}/task-division?format=csv`}>
                    {en ? 'Download .csv' : '下载 .csv'}
                  </Button>
                  {canWrite && (
                    <Upload
                      accept=".xlsx,.csv"
                      showUploadList={false}
                      beforeUpload={(f) => {
                        void uploadSheet(f, true);
                        return false;
                      }}
                    >
                      <Button>{en ? 'Upload for preview' : '上传预览'}</Button>
                    </Upload>
                  )}
                  {canWrite && sheet && (
                    <Upload
                      accept=".xlsx,.csv"
                      showUploadList={false}
                      beforeUpload={(f) => {
                        void uploadSheet(f, false);
                        return false;
                      }}
                    >
                      <Button type="primary">{en ? 'Upload and apply' : '上传并应用'}</Button>
                    </Upload>
                  )}
                </Space>
                {sheet && (
                  <pre style={{ maxHeight: 300, overflow: 'auto', background: '#fafafa', padding: 8, marginTop: 8 }}>
                    {sheet}
                  </pre>
                )}
              </Card>
            ),
          },
          {
            key: 'rules',
            label: en ? 'Duty rules' : '任务规则',
            children: (
              <Card size="small">
                {rules && (
                  <Descriptions
                    size="small"
                    bordered
                    column={1}
                    items={Object.entries(rules.effective).map(([k, v]) => ({
                      label: k,
                      children: Object.entries(v)
                        .map(([a, b]) => `${a}: ${String(b)}`)
                        .join('；'),
                    }))}
                  />
                )}
                <Typography.Paragraph style={{ marginTop: 12 }}>
                  {en
                    ? 'Overrides for this plan (JSON, only what differs from the defaults):'
                    : '本规划的调整（JSON，仅写与默认不同的项）：'}
                </Typography.Paragraph>
                <Input.TextArea
                  aria-label={en ? 'Rule overrides' : '规则调整'}
                  rows={6}
                  value={rulesText}
                  onChange={(e) => setRulesText(e.target.value)}
                  disabled={!admin}
                  style={{ fontFamily: 'monospace' }}
                />
                {rulesError && <Alert type="error" title={rulesError} showIcon style={{ marginTop: 8 }} />}
                {admin && (
                  <Button type="primary" onClick={saveRules} style={{ marginTop: 8 }}>
                    {en ? 'Save rules' : '保存规则'}
                  </Button>
                )}
              </Card>
            ),
          },
          {
            key: 'generate',
            label: en ? 'Generate duties' : '生成任务',
            children: (
              <Card size="small">
                <Typography.Paragraph>
                  {en
                    ? 'See what would be added, moved and cancelled first; nothing changes until you confirm.'
                    : '先查看将新增、调整和取消的任务；确认前不会改变任何内容。'}
                </Typography.Paragraph>
                <Button onClick={dryRun} disabled={!canWrite}>
                  {en ? 'Preview changes' : '预览变更'}
                </Button>
                {dry &&
                  dry.map((r) => (
                    <Descriptions
                      key={r.planTitle}
                      size="small"
                      bordered
                      column={{ xs: 1, md: 3 }}
                      style={{ marginTop: 12 }}
                      items={[
                        { label: en ? 'Added' : '新增', children: r.added.length },
                        { label: en ? 'Moved' : '调整截止', children: r.moved.length },
                        { label: en ? 'Cancelled' : '取消', children: r.cancelled.length },
                        { label: en ? 'Revived' : '恢复', children: r.revived.length },
                        { label: en ? 'Unchanged' : '不变', children: r.unchanged },
                        { label: en ? 'Goals without lead' : '无牵头目标', children: r.goalsWithoutLead.length },
                      ]}
                    />
                  ))}
                {dry && (
                  <Button
                    type="primary"
                    style={{ marginTop: 12 }}
                    onClick={() =>
                      modal.confirm({ title: en ? 'Apply these changes?' : '确认按以上变更生成任务？', onOk: generate })
                    }
                  >
                    {en ? 'Generate' : '确认生成'}
                  </Button>
                )}
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
