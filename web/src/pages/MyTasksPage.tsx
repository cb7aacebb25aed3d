import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Segmented, Space, Spin, Tag, Typography } from 'antd';
import type { Page, TaskView } from '../api/types.js';
import { useApp } from '../app-context.js';
import { DueText, EscalationTag, Hint, LightTag } from '../components/common.js';
import { label } from '../lib/i18n.js';

/** 我的任务: the unit's open tasks by deadline, with days left or late and the escalation reached. */
export default function MyTasksPage() {
  const { api, locale, meta, t, session } = useApp();
  const en = locale === 'en';
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [data, setData] = useState<Page<TaskView> | null>(null);
  useEffect(() => {
    setData(null);
    api
      .get<Page<TaskView>>('/tasks', { state: show === 'open' ? 'open' : undefined, sort: 'dueOn', pageSize: 200 })
      .then(setData, () => setData({ items: [], total: 0, page: 1, pageSize: 200 }));
  }, [api, show]);
  return (
    <div style={{ maxWidth: 900 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('myTasks')}
          {session?.user.unitName ? ` · ${session.user.unitName}` : ''}
        </Typography.Title>
        <Segmented
          value={show}
          onChange={(v) => setShow(v as 'open' | 'all')}
          options={[
            { value: 'open', label: en ? 'To do' : '待办' },
            { value: 'all', label: en ? 'All' : '全部' },
          ]}
        />
      </Space>
      {!data ? (
        <Spin />
      ) : data.items.length === 0 ? (
        <Card>
          <Hint>{t('emptyMyTasks')}</Hint>
        </Card>
      ) : (
        <div role="list">
          {data.items.map((x) => {
            return (
              <Card key={x.id} role="listitem" size="small" style={{ marginBottom: 8 }}>
                <Link to={`/tasks/${x.id}`} style={{ fontSize: 16 }}>
                  {x.title}
                  {x.periodKey !== 'once' ? ` · ${x.year}` : ''}
                </Link>
                <div style={{ marginTop: 4, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                  <LightTag light={x.light} locale={locale} />
                  <Tag>{label(meta?.states[x.state], locale, x.state)}</Tag>
                  <span>
                    {en ? 'due' : '截止'} {x.dueOn}
                  </span>
                  <DueText task={x} locale={locale} />
                  <EscalationTag mark={x.escalation} locale={locale} />
                  <Typography.Text type="secondary">
                    {x.itemCounts?.done ?? 0}/{x.itemCounts?.total ?? 0} {en ? 'items done' : '项已完成'}
                  </Typography.Text>
                </div>
              </Card>
            );
          })}
        </div>
      )}
    </div>
  );
}
