import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Pagination, Segmented, Space, Spin, Tag, Typography } from 'antd';
import type { Page, TaskView } from '../api/types.js';
import { useApp } from '../app-context.js';
import { DueText, EscalationTag, Hint, LightTag } from '../components/common.js';
import { label } from '../lib/i18n.js';
import { taskHeading } from '../lib/task-rules.js';

/** Tasks a page: a unit leads dozens of goals over a ten-year plan, so "all" runs to hundreds. */
const PAGE_SIZE = 20;

/** 我的任务: the unit's open tasks by deadline, with days left or late and the escalation reached. */
export default function MyTasksPage() {
  const { api, locale, meta, t, session } = useApp();
  const en = locale === 'en';
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<TaskView> | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    api
      .get<Page<TaskView>>('/tasks', {
        state: show === 'open' ? 'open' : undefined,
        sort: 'dueOn',
        page,
        pageSize: PAGE_SIZE,
      })
      .then(
        (p) => live && setData(p),
        () => live && setData({ items: [], total: 0, page, pageSize: PAGE_SIZE }),
      );
    return () => {
      live = false;
    };
  }, [api, show, page]);
  return (
    <div style={{ maxWidth: 900 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('myTasks')}
          {session?.user.unitName ? ` · ${session.user.unitName}` : ''}
        </Typography.Title>
        <Segmented
          value={show}
          onChange={(v) => {
            setShow(v as 'open' | 'all');
            setPage(1);
          }}
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
        <>
          <div role="list">
            {data.items.map((x) => {
              return (
                <Card key={x.id} role="listitem" size="small" style={{ marginBottom: 8 }}>
                  <Link to={`/tasks/${x.id}`} style={{ fontSize: 16 }}>
                    {taskHeading(x)}
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
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onChange={setPage}
            showSizeChanger={false}
            hideOnSinglePage
            showTotal={(n) => (en ? `${n} tasks` : `共 ${n} 项`)}
            style={{ marginTop: 12 }}
          />
        </>
      )}
    </div>
  );
}
