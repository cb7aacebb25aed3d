import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Json, Page } from '../api/types.js';
import type { MailSummaryView } from '../../../src/notifications/mail/mail.dto.js';
import type { CircularPreview as ServerCircularPreview } from '../../../src/notifications/reminders/office-actions.service.js';
import { useApp } from '../app-context.js';
import { useLatest } from '../lib/latest.js';
import { buildUrl } from '../api/client.js';
import type { MailKind, OutboxStatus } from '../../../src/notifications/outbox/mail-outbox.entity.js';
import { MAIL_KIND_LABELS, OUTBOX_STATUS_LABELS } from '../../../src/notifications/outbox/mail-labels.js';

/** GET /mail/outbox. */
type OutboxRow = Json<MailSummaryView>;
/** POST /notifications/circulars/preview. */
type CircularPreview = Json<ServerCircularPreview>;

/** Notices: 通报 preview then send; the mail outbox with failures and retry; the mailbox. */
export default function NoticesPage() {
  const { api, locale, canWrite } = useApp();
  const en = locale === 'en';
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>();
  const [outbox, setOutbox] = useState<Page<OutboxRow> | null>(null);
  const [counts, setCounts] = useState<Record<OutboxStatus, number> | null>(null);
  const [page, setPage] = useState(1);
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<CircularPreview | null>(null);
  const [busy, setBusy] = useState(false);

  const latest = useLatest();
  const load = useCallback(
    () =>
      latest(
        api
          .get<Page<OutboxRow>>('/mail/outbox', { status, page, pageSize: 20, sort: '-id' })
          .catch(() => api.get<Page<OutboxRow>>('/mail/outbox', { status, page, pageSize: 20 })),
        setOutbox,
        () => undefined,
      ),
    [api, status, page, latest],
  );
  useEffect(() => {
    void load();
    api.get<{ counts: Record<OutboxStatus, number> }>('/mail/outbox/summary').then(
      (x) => setCounts(x.counts),
      () => undefined,
    );
  }, [api, load]);

  async function previewCircular() {
    setBusy(true);
    try {
      setPreview(await api.post<CircularPreview>('/notifications/circulars/preview', { message: note || undefined }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function send() {
    if (!preview) return;
    setBusy(true);
    try {
      await api.post('/notifications/circulars', { token: preview.token, message: note || undefined });
      message.success(en ? 'Circular queued for every member unit' : '通报已发往各成员单位');
      setPreview(null);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function retry(row: OutboxRow) {
    try {
      await api.post(`/mail/outbox/${row.id}/retry`, {});
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  const rendered = preview ? (preview.rendered[locale] ?? preview.rendered['zh-CN']) : null;

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Notices and mail' : '通知与邮件'}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'outbox',
            label: en ? 'Outbox' : '发件箱',
            children: (
              <>
                <Space style={{ marginBottom: 12 }} wrap>
                  <Select
                    aria-label={en ? 'Status' : '状态'}
                    allowClear
                    placeholder={en ? 'Not sent' : '未发出的'}
                    style={{ width: 140 }}
                    value={status}
                    onChange={(v) => {
                      setStatus(v);
                      setPage(1);
                    }}
                    options={(Object.keys(OUTBOX_STATUS_LABELS) as OutboxStatus[]).map((s) => ({
                      value: s,
                      label: OUTBOX_STATUS_LABELS[s][locale],
                    }))}
                  />
                  {counts && (
                    <Typography.Text type="secondary" data-testid="outbox-counts">
                      {(Object.keys(OUTBOX_STATUS_LABELS) as OutboxStatus[])
                        .filter((s) => counts[s] > 0)
                        .map((s) => `${OUTBOX_STATUS_LABELS[s][locale]} ${counts[s]}`)
                        .join(' · ') || (en ? 'No mail yet' : '尚无邮件')}
                    </Typography.Text>
                  )}
                </Space>
                <Table<OutboxRow>
                  rowKey="id"
                  size="small"
                  dataSource={outbox?.items ?? []}
                  loading={!outbox}
                  scroll={{ x: 800 }}
                  locale={{
                    // The list shows what was not sent unless a status is chosen: say which.
                    emptyText: status
                      ? en
                        ? 'No mail with this status.'
                        : '没有该状态的邮件。'
                      : en
                        ? 'Nothing waiting, sending or failed. Choose “Sent” to see what went out; reminders are written every morning for due and overdue tasks.'
                        : '没有待发送、发送中或发送失败的邮件。已发出的邮件请在状态中选择“已发送”；每天早上会为临近和逾期任务发送提醒。',
                  }}
                  pagination={{
                    current: page,
                    pageSize: 20,
                    total: outbox?.total ?? 0,
                    onChange: setPage,
                    showSizeChanger: false,
                  }}
                  columns={[
                    { title: en ? 'Subject' : '主题', dataIndex: 'subject' },
                    {
                      title: en ? 'To' : '收件人',
                      render: (_, r) => (r.to.name ? `${r.to.name} <${r.to.email}>` : r.to.email),
                    },
                    {
                      title: en ? 'Kind' : '类型',
                      dataIndex: 'kind',
                      render: (k: MailKind) => <Tag>{MAIL_KIND_LABELS[k]?.[locale] ?? k}</Tag>,
                    },
                    {
                      title: en ? 'Status' : '状态',
                      dataIndex: 'status',
                      render: (s: OutboxStatus, r) => (
                        <>
                          <Tag color={s === 'sent' ? 'green' : s === 'failed' || s === 'rejected' ? 'red' : 'blue'}>
                            {OUTBOX_STATUS_LABELS[s]?.[locale] ?? s}
                          </Tag>
                          {r.lastError && <Typography.Text type="danger">{r.lastError}</Typography.Text>}
                        </>
                      ),
                    },
                    {
                      title: '',
                      render: (_, r) =>
                        (r.status === 'failed' || r.status === 'rejected') && canWrite ? (
                          <Button size="small" onClick={() => retry(r)}>
                            {en ? 'Retry' : '重试'}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'circular',
            label: en ? 'Circular (通报)' : '通报',
            children: (
              <Card size="small">
                <Typography.Paragraph>
                  {en
                    ? 'A circular names the member units with overdue tasks and goes to every member unit. Preview it first; the figures are frozen in the preview.'
                    : '通报列出有逾期任务的成员单位，发送给所有成员单位。请先预览，发送的内容与预览一致。'}
                </Typography.Paragraph>
                <Input.TextArea
                  aria-label={en ? 'Message' : '通报说明'}
                  rows={3}
                  value={note}
                  onChange={(e) => {
                    setNote(e.target.value);
                    setPreview(null);
                  }}
                  placeholder={en ? 'Words of the office (optional)' : '办公室的话（可选）'}
                />
                <Space style={{ marginTop: 8 }}>
                  <Button onClick={previewCircular} loading={busy} disabled={!canWrite}>
                    {en ? 'Preview' : '预览'}
                  </Button>
                  <Button href={buildUrl('/reports/circular.docx')}>
                    {en ? 'Download as Word (.docx)' : '下载通报（Word）'}
                  </Button>
                  {preview && (
                    <Button type="primary" onClick={send} loading={busy}>
                      {en
                        ? `Send to ${preview.recipients.length} recipients`
                        : `发送给 ${preview.recipients.length} 位联络员`}
                    </Button>
                  )}
                </Space>
                {preview && rendered && (
                  <div style={{ marginTop: 12 }}>
                    <Alert
                      type="info"
                      showIcon
                      title={rendered.subject}
                      description={
                        en
                          ? `${preview.lateUnits.length} units named, as of ${preview.asOf}`
                          : `截至 ${preview.asOf}，点名 ${preview.lateUnits.length} 个单位`
                      }
                    />
                    <iframe
                      title={en ? 'Circular preview' : '通报预览'}
                      sandbox=""
                      srcDoc={rendered.html}
                      style={{ width: '100%', height: 420, border: '1px solid #eee', marginTop: 8, background: '#fff' }}
                    />
                  </div>
                )}
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
