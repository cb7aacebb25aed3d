import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Progress,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { getAllPages } from '../api/all-pages.js';
import { changeSummary, outcomeLabel } from '../lib/import-summary.js';
import { ApiError } from '../api/client.js';
import type { GenerationReport, Json, UnitRow } from '../api/types.js';
import type { ImportPreview } from '../../../src/plans/import/import-preview.types.js';
import { useApp } from '../app-context.js';

/** POST /imports/preview and POST /imports both answer an ImportPreview (the commit with dryRun false). */
type Preview = Json<ImportPreview>;
type PreviewUnit = Preview['units'][number];

/** Import wizard: upload → preview (warnings with lines, unit mapping) → confirm → generate duties. */
export default function ImportPage() {
  const { api, locale, session } = useApp();
  const en = locale === 'en';
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, number>>({});
  const [accept, setAccept] = useState<Record<string, boolean>>({});
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [result, setResult] = useState<Preview | null>(null);
  const [generated, setGenerated] = useState<{ created: number } | null>(null);

  useEffect(() => {
    getAllPages<UnitRow>(api, '/units', { sort: 'name' }).then(
      (p) => setUnits(p.items),
      () => undefined,
    );
  }, [api]);

  async function runPreview(f: File) {
    setFile(f);
    setBusy(en ? 'Reading the file…' : '正在读取文件…');
    setError(null);
    setPreview(null);
    try {
      const form = new FormData();
      form.append('file', f);
      setPreview(await api.post<Preview>('/imports/preview', form));
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} (${e.code})` : String(e));
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!file || !preview) return;
    setBusy(en ? 'Importing…' : '正在导入…');
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const map = Object.fromEntries(Object.entries(mapping).filter(([name]) => !accept[name]));
      if (Object.keys(map).length) form.append('mapping', JSON.stringify(map));
      const newNames = Object.keys(accept).filter((n) => accept[n]);
      if (newNames.length) form.append('acceptNewUnits', JSON.stringify(newNames));
      setResult(await api.post<Preview>('/imports', form));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  async function generate() {
    if (!result) return;
    setBusy(en ? 'Generating duties…' : '正在生成任务…');
    try {
      let created = 0;
      for (const p of result.plans) {
        if (!p.changes.planId) continue;
        const reports = await api.post<GenerationReport[]>('/duties/generate', { planId: p.changes.planId });
        created += reports.reduce((n, r) => n + r.added.length, 0);
      }
      setGenerated({ created });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const unresolved = (preview?.units ?? []).filter(
    (u) => (u.status === 'unknown' || u.status === 'new') && !mapping[u.name] && !accept[u.name],
  );
  const step = generated ? 3 : result ? 2 : preview ? 1 : 0;
  const readOnly = session?.user.role === 'viewer';

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Import a plan' : '导入规划'}
      </Typography.Title>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { title: en ? 'Upload' : '上传文件' },
          { title: en ? 'Preview' : '预览与单位匹配' },
          { title: en ? 'Imported' : '导入完成' },
          { title: en ? 'Duties generated' : '生成任务' },
        ]}
      />
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} role="alert" />}
      {busy && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Typography.Text>{busy}</Typography.Text>
          <Progress percent={99} status="active" showInfo={false} />
        </Card>
      )}
      {step === 0 && (
        <Upload.Dragger
          accept=".txt,.docx"
          maxCount={1}
          showUploadList={false}
          disabled={readOnly}
          beforeUpload={(f) => {
            void runPreview(f);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>
            {en
              ? 'Click or drop the plan notice here (.txt or .docx, up to 20 MB)'
              : '点击或拖入规划文件（.txt 或 .docx，最大 20 MB）'}
          </p>
          <p style={{ color: '#595959' }}>
            {en ? 'Nothing is saved until you confirm the preview.' : '确认预览前不会保存任何内容。'}
          </p>
        </Upload.Dragger>
      )}
      {preview && !result && (
        <>
          {preview.plans.map((p) => (
            <Card key={p.title} size="small" title={p.title} style={{ marginBottom: 12 }}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 3 }}
                items={[
                  { label: en ? 'Period' : '期限', children: `${p.periodStart}–${p.periodEnd}` },
                  {
                    label: en ? 'Issued' : '颁布日期',
                    children: p.issuedOn ?? <Tag color="orange">{en ? 'missing' : '缺失'}</Tag>,
                  },
                  { label: en ? 'Number' : '文号', children: p.documentNumber ?? '—' },
                  { label: en ? 'Areas' : '领域', children: p.counts.areas },
                  { label: en ? 'Goals' : '目标', children: p.counts.goals },
                  { label: en ? 'Measures' : '策略措施', children: p.counts.measures },
                  {
                    label: en ? 'Goals without a lead unit' : '未明确牵头单位的目标',
                    children: p.counts.goalsWithoutLead ? <Tag color="orange">{p.counts.goalsWithoutLead}</Tag> : 0,
                  },
                  {
                    label: en ? 'This import' : '本次导入',
                    span: 2,
                    children: [outcomeLabel(p.changes.outcome, locale, 'preview'), changeSummary(p.changes, locale)]
                      .filter(Boolean)
                      .join(en ? ': ' : '：'),
                  },
                ]}
              />
            </Card>
          ))}
          {preview.errors.length > 0 && (
            // What stops the import (say, a plan without its period): fixed in the file, then previewed again.
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                en
                  ? `${preview.errors.length} problems must be fixed in the file before it can be imported`
                  : `有 ${preview.errors.length} 个问题，需在文件中修正后才能导入`
              }
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {preview.errors.map((e) => (
                    // The message names its line.
                    <li key={`${e.line}-${e.code}`}>{e.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Card
            size="small"
            title={en ? `Warnings (${preview.warnings.length})` : `提示（${preview.warnings.length}）`}
            style={{ marginBottom: 12 }}
          >
            <Table
              size="small"
              rowKey={(w) => `${w.line}-${w.code}-${w.message}`}
              pagination={{ pageSize: 100, hideOnSinglePage: true }}
              dataSource={preview.warnings}
              locale={{ emptyText: en ? 'No warnings.' : '没有提示。' }}
              columns={[
                { title: en ? 'Line' : '行号', dataIndex: 'line', width: 70 },
                { title: en ? 'Code' : '代码', dataIndex: 'code', width: 140, render: (c: string) => <Tag>{c}</Tag> },
                { title: en ? 'Message' : '说明', dataIndex: 'message' },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={en ? 'Units named in the text' : '文中出现的单位'}
            style={{ marginBottom: 12 }}
            extra={
              unresolved.length > 0 && (
                <Button
                  size="small"
                  onClick={() => setAccept({ ...accept, ...Object.fromEntries(unresolved.map((u) => [u.name, true])) })}
                >
                  {en
                    ? `Create the ${unresolved.length} unmatched as new units`
                    : `将 ${unresolved.length} 个未匹配名称新建为单位`}
                </Button>
              )
            }
          >
            <Table<PreviewUnit>
              size="small"
              rowKey="name"
              pagination={{ pageSize: 15 }}
              dataSource={preview.units}
              scroll={{ x: 600 }}
              columns={[
                { title: en ? 'Name in text' : '文中名称', dataIndex: 'name' },
                {
                  title: en ? 'Status' : '状态',
                  dataIndex: 'status',
                  render: (s: string) => (
                    <Tag color={s === 'known' || s === 'mapped' ? 'green' : s === 'new' ? 'blue' : 'red'}>{s}</Tag>
                  ),
                },
                {
                  title: en ? 'Lines' : '行号',
                  dataIndex: 'lines',
                  render: (l: number[]) => l.slice(0, 6).join(', ') + (l.length > 6 ? '…' : ''),
                },
                {
                  title: en ? 'Unit' : '对应单位',
                  render: (_, u) =>
                    u.status === 'known' || u.status === 'mapped' ? (
                      u.unitName
                    ) : (
                      <Space wrap>
                        <Select
                          aria-label={en ? `map ${u.name}` : `匹配 ${u.name}`}
                          showSearch
                          optionFilterProp="label"
                          allowClear
                          style={{ width: 220 }}
                          placeholder={en ? 'Existing unit…' : '匹配已有单位…'}
                          disabled={accept[u.name]}
                          value={mapping[u.name]}
                          onChange={(v) => setMapping({ ...mapping, [u.name]: v })}
                          options={units.map((x) => ({ value: x.id, label: x.name }))}
                        />
                        <Checkbox
                          checked={!!accept[u.name]}
                          onChange={(e) => setAccept({ ...accept, [u.name]: e.target.checked })}
                        >
                          {en ? 'create new' : '新建单位'}
                        </Checkbox>
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
          <Space>
            <Button
              onClick={() => {
                setPreview(null);
                setFile(null);
              }}
            >
              {en ? 'Another file' : '重新选择文件'}
            </Button>
            <Button
              type="primary"
              disabled={!!busy || unresolved.length > 0 || preview.errors.length > 0 || readOnly}
              onClick={commit}
            >
              {preview.errors.length
                ? en
                  ? 'Fix the file first'
                  : '请先修正文件'
                : unresolved.length
                  ? en
                    ? `${unresolved.length} unit names still to match`
                    : `还有 ${unresolved.length} 个单位待匹配`
                  : en
                    ? 'Confirm import'
                    : '确认导入'}
            </Button>
          </Space>
        </>
      )}
      {result && (
        <Result
          status="success"
          title={en ? 'Imported' : '导入完成'}
          subTitle={result.plans
            .map((p) => `${p.title}${en ? ': ' : '：'}${outcomeLabel(p.changes.outcome, locale, 'done')}`)
            .join(en ? '; ' : '；')}
          extra={[
            !generated && (
              <Button key="gen" type="primary" onClick={generate} disabled={!!busy}>
                {en ? 'Generate duties' : '生成任务'}
              </Button>
            ),
            generated && (
              <Typography.Paragraph key="done">
                {en ? `${generated.created} tasks created.` : `已生成 ${generated.created} 项任务。`}{' '}
                <Link to="/tasks">{en ? 'Open the task ledger' : '查看督办台账'}</Link>
              </Typography.Paragraph>
            ),
            ...result.plans.map((p) => (
              <Link key={p.title} to={`/plans/${p.changes.planId}`}>
                {p.title}
              </Link>
            )),
          ]}
        />
      )}
    </div>
  );
}
