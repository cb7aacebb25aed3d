import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Space, Typography } from 'antd';
import { useApp } from '../app-context.js';
import type { Json } from '../api/types.js';
import type { FeedView } from '../../../src/calendar/calendar.service.js';
import { formatInstant } from '../lib/dates.js';

type FeedStatus = Json<FeedView>;

/** 日历订阅: one's own secret iCalendar address (shown once when made; a reset stops the old one). */
export default function CalendarPage() {
  const { api, locale, session } = useApp();
  const en = locale === 'en';
  // The context-aware modal: a static Modal.confirm would not see the app's ConfigProvider (locale, button spacing).
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const load = useCallback(
    () => api.get<FeedStatus>('/calendar/feed').then(setStatus, (e: Error) => message.error(e.message)),
    [api, message],
  );
  useEffect(() => {
    void load();
  }, [load]);

  // Failures are shown here: as a button's handler or a modal's onOk they would be unhandled rejections.
  async function make() {
    try {
      const r = await api.post<FeedStatus & { url: string }>('/calendar/feed', {});
      setUrl(r.url);
      setStatus(r);
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  const reset = () =>
    modal.confirm({
      title: en ? 'Make a new address?' : '确认重置订阅地址？',
      content: en
        ? 'The current address stops working at once; calendars subscribed to it must subscribe to the new one.'
        : '当前地址将立即失效，已订阅的日历需改用新地址重新订阅。',
      okText: en ? 'Reset' : '重置',
      cancelText: en ? 'Cancel' : '取消',
      onOk: make,
    });
  const revoke = () =>
    modal.confirm({
      title: en ? 'Stop the feed?' : '确认停用订阅地址？',
      okText: en ? 'Stop' : '停用',
      okButtonProps: { danger: true },
      cancelText: en ? 'Cancel' : '取消',
      onOk: async () => {
        try {
          setStatus(await api.del<FeedStatus>('/calendar/feed'));
          setUrl(null);
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Calendar feed' : '日历订阅'}
      </Typography.Title>
      <Typography.Paragraph>
        {en
          ? 'Subscribe to your deadlines in Outlook, a phone calendar or any iCalendar client: one all-day event per open task, with a reminder a few days before. Keep the address secret: anyone with it sees your tasks.'
          : '在 Outlook、手机日历等支持 iCalendar 的日历中订阅本人任务的截止日期：每个未完成任务一个全天事件，并提前几天提醒。订阅地址相当于密码，请勿外传。'}
      </Typography.Paragraph>
      {url && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={en ? 'Copy the address now; it will not be shown again.' : '请立即复制订阅地址，之后不再显示。'}
          description={
            <Typography.Text code copyable={{ text: url }} data-testid="feed-url">
              {url}
            </Typography.Text>
          }
        />
      )}
      {status && (
        <Descriptions size="small" column={1} bordered style={{ maxWidth: 560, marginBottom: 12 }}>
          <Descriptions.Item label={en ? 'Address' : '订阅地址'}>
            {status.active ? `${status.prefix}…` : en ? 'none' : '未创建'}
          </Descriptions.Item>
          {status.active && (
            <Descriptions.Item label={en ? 'Made' : '创建时间'}>{status.createdAt?.slice(0, 10)}</Descriptions.Item>
          )}
          {status.active && (
            <Descriptions.Item label={en ? 'Last read' : '最近使用'}>
              {formatInstant(status.lastUsedAt, session?.timeZone) || '—'}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Space>
        {status && !status.active && (
          <Button type="primary" onClick={() => void make()}>
            {en ? 'Make my address' : '生成订阅地址'}
          </Button>
        )}
        {status?.active && <Button onClick={reset}>{en ? 'Reset address' : '重置地址'}</Button>}
        {status?.active && (
          <Button danger onClick={revoke}>
            {en ? 'Stop' : '停用'}
          </Button>
        )}
      </Space>
    </div>
  );
}
