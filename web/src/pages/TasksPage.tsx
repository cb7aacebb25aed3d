import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { getAllPages } from '../api/all-pages.js';
import type { Json, Page, TaskView, UnitRow } from '../api/types.js';
import type { ExtensionRequestRow } from '../../../src/duties/lifecycle/task-lifecycle.service.js';
import { useApp } from '../app-context.js';
import { askReason } from '../components/ask-reason.js';
import { DueText, EscalationTag, Hint, LightTag } from '../components/common.js';
import { escalationFilterOptions, escalationQuery } from '../lib/escalation.js';
import { label } from '../lib/i18n.js';
import { taskHeading } from '../lib/task-rules.js';

/** GET /extension-requests. */
type ExtensionRow = Json<ExtensionRequestRow>;

/** 督办台账: filters, sort, paging, bulk urge, the review queue and extension requests. */
export default function TasksPage() {
  const { api, locale, meta, canWrite, t } = useApp();
  const en = locale === 'en';
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Page<TaskView> | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [plans, setPlans] = useState<Array<{ id: number; title: string }>>([]);
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [urgeOpen, setUrgeOpen] = useState(false);
  const [urgeText, setUrgeText] = useState('');
  const [extensions, setExtensions] = useState<ExtensionRow[]>([]);
  const [reload, setReload] = useState(0);
  const tab = params.get('tab') ?? 'all';

  const filter = Object.fromEntries(
    ['planId', 'unitId', 'kind', 'year', 'state', 'status', 'light', 'escalation', 'q', 'sort', 'page'].map((k) => [
      k,
      params.get(k) ?? undefined,
    ]),
  );
  if (tab === 'review') filter.state = 'submitted';
  filter.escalation = escalationQuery(filter.escalation);

  useEffect(() => {
    getAllPages<{ id: number; title: string }>(api, '/plans').then(
      (p) => setPlans(p.items),
      () => undefined,
    );
    getAllPages<UnitRow>(api, '/units', { sort: 'name' }).then(
      (p) => setUnits(p.items),
      () => undefined,
    );
  }, [api]);

  useEffect(() => {
    // Only this run's answers are shown: "all tasks" coming back after the 待审核 queue must not replace it.
    let live = true;
    setLoading(true);
    api.get<Page<TaskView>>('/tasks', { ...filter, pageSize: 20 }).then(
      (page) => {
        if (!live) return;
        setData(page);
        setLoading(false);
      },
      (e: Error) => {
        if (!live) return;
        message.error(e.message);
        setLoading(false);
      },
    );
    if (tab === 'extensions')
      api.get<Page<ExtensionRow>>('/extension-requests', { requestState: 'pending' }).then(
        (r) => live && setExtensions(r.items),
        () => undefined,
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, params.toString(), reload]);

  const set = (key: string, value: string | number | undefined | null) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next);
  };

  async function act(task: TaskView, action: 'accept' | 'return') {
    let reason = '';
    if (action === 'return') {
      const given = await askReason(modal, {
        title: en ? 'Why is it returned? (the unit sees this)' : '退回原因（单位将看到）',
        label: en ? 'Reason' : '退回原因',
        okText: en ? 'Return' : '退回',
        cancelText: en ? 'Cancel' : '取消',
      });
      if (given === null) return;
      reason = given;
    }
    try {
      await api.post(`/tasks/${task.id}/actions/${action}`, { version: task.version, ...(reason ? { reason } : {}) });
      message.success(action === 'accept' ? (en ? 'Accepted' : '已办结') : en ? 'Returned' : '已退回');
      setReload((n) => n + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function decide(ext: ExtensionRow, decision: 'approve' | 'reject') {
    const reason =
      decision === 'reject'
        ? await askReason(modal, {
            title: en ? 'Reason for rejecting' : '不同意的理由',
            label: en ? 'Reason' : '理由',
            okText: en ? 'Reject' : '不同意',
            cancelText: en ? 'Cancel' : '取消',
          })
        : undefined;
    if (reason === null) return;
    try {
      await api.post(`/extension-requests/${ext.id}/decision`, { decision, ...(reason ? { reason } : {}) });
      setReload((n) => n + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function urge() {
    try {
      await api.post('/notifications/urge', {
        taskIds: selected,
        message: urgeText || undefined,
        requestKey: `ui-${Date.now()}`,
      });
      message.success(en ? 'Urging notices queued' : '催办通知已发出');
      setUrgeOpen(false);
      setSelected([]);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const exportUrl = (format: string) =>
    `/api/supervision/ledger/export?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(filter).filter(([k, v]) => v && k !== 'page' && k !== 'sort')) as Record<string, string>), format })}`;

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('tasks')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'all' ? undefined : k)}
        items={[
          { key: 'all', label: en ? 'All tasks' : '全部任务' },
          { key: 'review', label: t('review') },
          { key: 'extensions', label: en ? 'Extension requests' : '延期申请' },
        ]}
      />
      {tab === 'extensions' ? (
        <Table<ExtensionRow>
          rowKey="id"
          size="small"
          dataSource={extensions}
          locale={{ emptyText: en ? 'No pending extension requests.' : '没有待处理的延期申请。' }}
          columns={[
            {
              title: en ? 'Task' : '任务',
              render: (_, x) => <Link to={`/tasks/${x.taskId}`}>{x.task.title}</Link>,
            },
            // The list sends the task's unitId, not its unit: the name comes from the units loaded above.
            { title: en ? 'Unit' : '单位', render: (_, x) => units.find((u) => u.id === x.task.unitId)?.name },
            { title: en ? 'Asked for' : '申请延至', dataIndex: 'requestedDueOn' },
            { title: en ? 'Reason' : '理由', dataIndex: 'reason' },
            {
              title: '',
              render: (_, x) =>
                canWrite && (
                  <Space>
                    <Button size="small" type="primary" onClick={() => decide(x, 'approve')}>
                      {en ? 'Approve' : '同意'}
                    </Button>
                    <Button size="small" onClick={() => decide(x, 'reject')}>
                      {en ? 'Reject' : '不同意'}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              aria-label={en ? 'Plan' : '规划'}
              allowClear
              placeholder={en ? 'Plan' : '规划'}
              style={{ width: 220 }}
              value={filter.planId ? Number(filter.planId) : undefined}
              onChange={(v) => set('planId', v)}
              options={plans.map((p) => ({ value: p.id, label: p.title }))}
            />
            <Select
              aria-label={en ? 'Unit' : '单位'}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={en ? 'Unit' : '单位'}
              style={{ width: 180 }}
              value={filter.unitId ? Number(filter.unitId) : undefined}
              onChange={(v) => set('unitId', v)}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
            <Select
              aria-label={en ? 'Kind' : '类型'}
              allowClear
              placeholder={en ? 'Kind' : '类型'}
              style={{ width: 160 }}
              value={filter.kind}
              onChange={(v) => set('kind', v)}
              options={(meta?.kinds ?? []).map((k) => ({ value: k.kind, label: label(k.labels, locale) }))}
            />
            <Select
              aria-label={en ? 'Year' : '年度'}
              allowClear
              placeholder={en ? 'Year' : '年度'}
              style={{ width: 100 }}
              value={filter.year ? Number(filter.year) : undefined}
              onChange={(v) => set('year', v)}
              options={Array.from({ length: 12 }, (_, i) => 2020 + i).map((y) => ({ value: y, label: String(y) }))}
            />
            {tab === 'all' && (
              <Select
                aria-label={en ? 'State' : '办理状态'}
                allowClear
                placeholder={en ? 'State' : '办理状态'}
                style={{ width: 120 }}
                value={filter.state}
                onChange={(v) => set('state', v)}
                options={[
                  { value: 'open', label: en ? 'open' : '未办结' },
                  ...Object.entries(meta?.states ?? {}).map(([k, l]) => ({ value: k, label: label(l, locale) })),
                ]}
              />
            )}
            <Select
              aria-label={en ? 'Status' : '督办状态'}
              allowClear
              placeholder={en ? 'Status' : '督办状态'}
              style={{ width: 130 }}
              value={filter.status}
              onChange={(v) => set('status', v)}
              options={['not_due', 'due_soon', 'overdue', 'done_on_time', 'done_late', 'cancelled'].map((s) => ({
                value: s,
                label: s,
              }))}
            />
            <Select
              aria-label={en ? 'Light' : '红绿灯'}
              allowClear
              placeholder={en ? 'Light' : '红绿灯'}
              style={{ width: 100 }}
              value={filter.light}
              onChange={(v) => set('light', v)}
              options={['green', 'yellow', 'red', 'grey'].map((s) => ({
                value: s,
                label: <LightTag light={s} locale={locale} />,
              }))}
            />
            <Select
              aria-label={en ? 'Escalation' : '催办督办'}
              style={{ width: 130 }}
              value={filter.escalation ?? 'all'}
              onChange={(v) => set('escalation', escalationQuery(v))}
              options={escalationFilterOptions(locale)}
            />
            <Input.Search
              aria-label={t('search')}
              placeholder={en ? 'Title contains' : '标题包含'}
              allowClear
              defaultValue={filter.q}
              onSearch={(v) => set('q', v)}
              style={{ width: 180 }}
            />
          </Space>
          <Space style={{ marginBottom: 12 }} wrap>
            {canWrite && (
              <Button disabled={!selected.length} onClick={() => setUrgeOpen(true)}>
                {en ? `Urge ${selected.length} selected` : `催办所选（${selected.length}）`}
              </Button>
            )}
            <Button href={exportUrl('xlsx')}>{t('export')} .xlsx</Button>
            <Button href={exportUrl('csv')}>{t('export')} .csv</Button>
          </Space>
          <Table<TaskView>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.items ?? []}
            scroll={{ x: 900 }}
            rowSelection={
              canWrite ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) } : undefined
            }
            locale={{
              emptyText: (
                <Hint>
                  {tab === 'review' ? (en ? 'Nothing waiting for review.' : '暂无待审核的任务。') : t('emptyTasks')}
                </Hint>
              ),
            }}
            pagination={{
              current: data?.page ?? 1,
              pageSize: 20,
              total: data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => set('page', p),
            }}
            onChange={(_p, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              set('sort', s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.field)}` : undefined);
            }}
            columns={[
              {
                title: en ? 'Task' : '任务',
                dataIndex: 'title',
                render: (_, x) => <Link to={`/tasks/${x.id}`}>{taskHeading(x)}</Link>,
              },
              { title: en ? 'Unit' : '单位', render: (_, x) => x.unit?.name },
              { title: en ? 'Due' : '截止日期', dataIndex: 'dueOn', sorter: true },
              {
                title: en ? 'State' : '状态',
                dataIndex: 'state',
                render: (s: keyof NonNullable<typeof meta>['states']) => <Tag>{label(meta?.states[s], locale, s)}</Tag>,
              },
              {
                title: en ? 'Light' : '灯',
                dataIndex: 'light',
                render: (l: string) => <LightTag light={l} locale={locale} />,
              },
              { title: en ? 'Days' : '剩余/逾期', render: (_, x) => <DueText task={x} locale={locale} /> },
              {
                title: en ? 'Escalation' : '催办督办',
                render: (_, x) => <EscalationTag mark={x.escalation} locale={locale} />,
              },
              ...(tab === 'review' && canWrite
                ? [
                    {
                      title: '',
                      render: (_: unknown, x: TaskView) => (
                        <Space>
                          <Button size="small" type="primary" onClick={() => act(x, 'accept')}>
                            {en ? 'Accept' : '办结'}
                          </Button>
                          <Button size="small" danger onClick={() => act(x, 'return')}>
                            {en ? 'Return' : '退回'}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Modal
            open={urgeOpen}
            title={en ? 'Urge the selected tasks' : '催办所选任务'}
            onOk={urge}
            onCancel={() => setUrgeOpen(false)}
            okText={en ? 'Send' : '发送'}
          >
            <Input.TextArea
              aria-label={en ? 'Message' : '催办内容'}
              rows={4}
              value={urgeText}
              onChange={(e) => setUrgeText(e.target.value)}
              placeholder={en ? 'Message printed in the notice (optional)' : '写入催办通知的话（可选）'}
            />
          </Modal>
        </>
      )}
    </div>
  );
}
