import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError, buildUrl, uploadWithProgress } from '../api/client.js';
import type { TaskAction, TaskDetail, TaskItemView } from '../api/types.js';
import { useApp } from '../app-context.js';
import { useLatest } from '../lib/latest.js';
import { DueText, EscalationTag, LightTag } from '../components/common.js';
import { IndicatorInput } from '../components/IndicatorInput.js';
import { askReason } from '../components/ask-reason.js';
import { label } from '../lib/i18n.js';
import { taskHeading, untouchedItems } from '../lib/task-rules.js';
import { formatInstant } from '../lib/dates.js';

const ACTION_NAMES: Record<TaskAction, [string, string]> = {
  acknowledge: ['签收', 'Acknowledge'],
  start: ['开始办理', 'Start'],
  submit: ['提交', 'Submit'],
  accept: ['办结', 'Accept'],
  return: ['退回', 'Return'],
  cancel: ['取消', 'Cancel'],
  reopen: ['重新打开', 'Reopen'],
  withdraw: ['撤回提交', 'Withdraw'],
};

/** One task: items (progress, narrative, indicator values), attachments, actions, extension, history. */
export default function TaskPage() {
  const { id } = useParams();
  const { api, locale, meta, session, t, isOffice } = useApp();
  const en = locale === 'en';
  // The context-aware modal: a static Modal.confirm would not see the app's ConfigProvider (locale, button spacing).
  const { message, modal } = App.useApp();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [extOpen, setExtOpen] = useState(false);
  const [extForm] = Form.useForm();

  // Every save reloads the task; two quick saves ask twice, and the older answer must not bring back
  // older versions (the next save would meet a 409).
  const latest = useLatest();
  const load = useCallback(
    () =>
      latest(api.get<TaskDetail>(`/tasks/${id}`), setTask, (e: Error) =>
        setError(
          e instanceof ApiError && e.status === 404
            ? en
              ? 'This task does not exist or is not yours.'
              : '任务不存在或不属于本单位。'
            : e.message,
        ),
      ),
    [api, id, en, latest],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Alert type="error" title={error} showIcon />;
  if (!task) return <Spin />;

  const lastReturn = [...task.events].reverse().find((e) => e.action === 'return');
  const isUnit = session?.user.role === 'unit_liaison';
  const canWork = isUnit && ['assigned', 'acknowledged', 'in_progress', 'returned'].includes(task.state);

  async function act(action: TaskAction) {
    const rule = meta?.actions.find((a) => a.action === action);
    let reason: string | undefined;
    if (action === 'submit') {
      const untouched = untouchedItems(task!.items);
      const ok = await new Promise<boolean>((resolve) =>
        modal.confirm({
          title: en ? 'Submit this task?' : '确认提交？',
          content: untouched.length
            ? en
              ? `${untouched.length} item(s) have no progress or narrative yet.`
              : `还有 ${untouched.length} 项目标未填写进展或情况说明。`
            : en
              ? 'The office will review it.'
              : '提交后由工委办公室审核。',
          okText: t('submit'),
          cancelText: t('cancel'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
      if (!ok) return;
    } else if (rule?.reason === 'required') {
      const given = await askReason(modal, {
        title: en ? 'Reason (required)' : '请填写原因（必填）',
        label: en ? 'Reason' : '原因',
        okText: t('confirm'),
        cancelText: t('cancel'),
      });
      if (given === null) return;
      reason = given;
    }
    try {
      await api.post(`/tasks/${task!.id}/actions/${action}`, { version: task!.version, ...(reason ? { reason } : {}) });
      message.success(en ? 'Done' : '已完成');
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function saveItem(item: TaskItemView, patch: Record<string, unknown>) {
    try {
      await api.patch(`/tasks/${task!.id}/items/${item.id}`, { version: item.version, ...patch });
      // One notice that each save renews, not a stack of them over the page.
      message.success({ content: en ? 'Saved' : '已保存', key: 'task-item-saved' });
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function attach(file: File) {
    setUploadError(null);
    setUpload({ name: file.name, percent: 0 });
    const form = new FormData();
    form.append('file', file);
    try {
      await uploadWithProgress(
        { csrfToken: () => session?.csrfToken ?? null, locale: () => locale },
        `/tasks/${task!.id}/attachments`,
        form,
        (percent) => setUpload({ name: file.name, percent }),
      );
      await load();
    } catch (e) {
      setUploadError(`${file.name}: ${(e as Error).message}`);
    } finally {
      setUpload(null);
    }
  }

  async function requestExtension(values: { requestedDueOn: { format(f: string): string }; reason: string }) {
    try {
      await api.post(`/tasks/${task!.id}/extension-requests`, {
        requestedDueOn: values.requestedDueOn.format('YYYY-MM-DD'),
        reason: values.reason,
      });
      setExtOpen(false);
      await load();
    } catch (e) {
      if (e instanceof ApiError)
        extForm.setFields(Object.entries(e.fieldErrors).map(([name, err]) => ({ name, errors: [err] })));
      message.error((e as Error).message);
    }
  }

  const actions = (task.allowedActions as TaskAction[]).filter((a) => a !== 'cancel' || !isUnit);
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {taskHeading(task)}
      </Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { label: en ? 'Unit' : '责任单位', children: task.unit?.name },
          { label: en ? 'Plan' : '规划', children: task.plan?.title ?? '—' },
          {
            label: en ? 'Due' : '截止日期',
            children: (
              <>
                {task.dueOn} <DueText task={task} locale={locale} />{' '}
                <EscalationTag mark={task.escalation} locale={locale} />
              </>
            ),
          },
          { label: en ? 'State' : '状态', children: <Tag>{label(meta?.states[task.state], locale, task.state)}</Tag> },
          { label: en ? 'Light' : '红绿灯', children: <LightTag light={task.light} locale={locale} /> },
          {
            label: en ? 'Items done' : '完成目标',
            children: `${task.itemCounts?.done ?? 0}/${task.itemCounts?.total ?? 0}`,
          },
        ]}
      />
      {task.state === 'returned' && lastReturn && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={en ? 'Returned by the office' : '工委办公室已退回'}
          description={lastReturn.reason}
        />
      )}
      <Space wrap style={{ margin: '12px 0' }}>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'submit' || a === 'accept' ? 'primary' : 'default'}
            danger={a === 'return'}
            onClick={() => act(a)}
          >
            {ACTION_NAMES[a][en ? 1 : 0]}
          </Button>
        ))}
        {canWork && <Button onClick={() => setExtOpen(true)}>{en ? 'Request an extension' : '申请延期'}</Button>}
        {/* Formal notices for a late unit task: numbered once (〔年〕第N号) and kept, so downloading again gives the same number. */}
        {isOffice &&
          task.status === 'overdue' &&
          task.unitId !== null &&
          (['urge', 'supervise'] as const).map((level) => (
            <Button key={level} href={buildUrl(`/reports/tasks/${task.id}/notice.docx`, { level })}>
              {level === 'urge'
                ? en
                  ? 'Urging notice (.docx)'
                  : '催办通知书'
                : en
                  ? 'Supervision notice (.docx)'
                  : '督办通知书'}
            </Button>
          ))}
      </Space>
      <Card size="small" title={en ? `Items (${task.items.length})` : `目标任务（${task.items.length}）`}>
        <List
          dataSource={task.items.filter((i) => i.active)}
          renderItem={(item) => (
            <ItemRow key={item.id} item={item} editable={!!canWork} onSave={(p) => saveItem(item, p)} />
          )}
        />
      </Card>
      <Card size="small" title={en ? 'Attachments' : '附件'} style={{ marginTop: 12 }}>
        <List
          size="small"
          dataSource={task.attachments}
          locale={{ emptyText: en ? 'No files yet.' : '暂无附件。' }}
          renderItem={(a) => (
            <List.Item>
              <a href={`/api/tasks/${task.id}/attachments/${a.id}`}>{a.fileName}</a>{' '}
              <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
            </List.Item>
          )}
        />
        {canWork && (
          <Upload
            showUploadList={false}
            beforeUpload={(f) => {
              void attach(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
              {en ? 'Attach a file' : '上传附件'}
            </Button>
          </Upload>
        )}
        {upload && (
          <div>
            <Typography.Text>{upload.name}</Typography.Text>
            <Progress percent={upload.percent} size="small" />
          </div>
        )}
        {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginTop: 8 }} role="alert" />}
      </Card>
      {task.extensionRequests.length > 0 && (
        <Card size="small" title={en ? 'Extension requests' : '延期申请'} style={{ marginTop: 12 }}>
          <List
            size="small"
            dataSource={task.extensionRequests}
            renderItem={(x) => (
              <List.Item>
                {x.requestedDueOn} — {x.reason} <Tag>{x.state}</Tag> {x.decisionReason}
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={en ? 'History' : '办理记录'} style={{ marginTop: 12 }}>
        <Timeline
          items={task.events.map((e) => ({
            content: (
              <span>
                {formatInstant(e.at, session?.timeZone)} · {e.actor} · {label(meta?.events[e.action], locale, e.action)}
                {e.toState
                  ? ` → ${label(meta?.states[e.toState as keyof NonNullable<typeof meta>['states']], locale, e.toState)}`
                  : ''}
                {e.reason ? `：${e.reasonCode ? label(meta?.reasons[e.reasonCode], locale, e.reason) : e.reason}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal
        open={extOpen}
        title={en ? 'Request an extension' : '申请延期'}
        onCancel={() => setExtOpen(false)}
        onOk={() => extForm.submit()}
      >
        <Form form={extForm} layout="vertical" onFinish={requestExtension}>
          <Form.Item name="requestedDueOn" label={en ? 'New due date' : '申请延至'} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reason" label={en ? 'Why' : '理由'} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function ItemRow({
  item,
  editable,
  onSave,
}: {
  item: TaskItemView;
  editable: boolean;
  onSave: (patch: Record<string, unknown>) => void;
}) {
  const { locale, meta } = useApp();
  const en = locale === 'en';
  const [narrative, setNarrative] = useState(item.narrative ?? '');
  const target = item.target;
  return (
    <List.Item style={{ display: 'block' }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Tag>{item.role === 'lead' ? (en ? 'lead' : '牵头') : en ? 'responsible' : '责任'}</Tag>
        {target ? `${target.areaName ?? ''} ${target.number}. ${target.text}` : item.targetKey}
      </Typography.Paragraph>
      <Space wrap align="start" style={{ width: '100%' }}>
        <Select
          aria-label={en ? 'Progress' : '进展'}
          disabled={!editable}
          style={{ width: 130 }}
          value={item.progress}
          onChange={(v) => onSave({ progress: v })}
          options={Object.entries(meta?.itemProgress ?? {}).map(([k, l]) => ({ value: k, label: label(l, locale, k) }))}
        />
        {item.indicators.map((ind) => (
          <IndicatorInput
            key={ind.id}
            indicator={ind}
            editable={editable}
            locale={locale}
            onSave={(v) => onSave({ indicatorValues: [v] })}
          />
        ))}
      </Space>
      <Input.TextArea
        aria-label={en ? 'What was done' : '落实情况'}
        disabled={!editable}
        rows={2}
        style={{ marginTop: 6 }}
        value={narrative}
        placeholder={en ? 'What was done' : '落实情况说明'}
        onChange={(e) => setNarrative(e.target.value)}
        onBlur={() => narrative !== (item.narrative ?? '') && onSave({ narrative })}
      />
    </List.Item>
  );
}
