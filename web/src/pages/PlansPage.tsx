import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Table, Tag, Typography } from 'antd';
import type { Page, PlanRow } from '../api/types.js';
import { label } from '../lib/i18n.js';
import { useApp } from '../app-context.js';
import { Hint } from '../components/common.js';
import { PLAN_STATUS_LABELS } from '../../../src/plans/plan-labels.js';

export default function PlansPage() {
  const { api, locale, t, canWrite } = useApp();
  const en = locale === 'en';
  const [data, setData] = useState<Page<PlanRow> | null>(null);
  useEffect(() => {
    api.get<Page<PlanRow>>('/plans', { pageSize: 200 }).then(setData, () => undefined);
  }, [api]);
  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('plans')}
      </Typography.Title>
      {canWrite && (
        <Link to="/import">
          <Button type="primary" style={{ marginBottom: 12 }}>
            {t('importPlan')}
          </Button>
        </Link>
      )}
      <Table<PlanRow>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Hint>{t('emptyPlans')}</Hint> }}
        columns={[
          { title: en ? 'Title' : '名称', render: (_, p) => <Link to={`/plans/${p.id}`}>{p.title}</Link> },
          { title: en ? 'Period' : '期限', render: (_, p) => `${p.periodStart}–${p.periodEnd}` },
          {
            title: en ? 'Issued' : '颁布日期',
            dataIndex: 'issuedOn',
            render: (d: string | null) => d ?? <Tag color="orange">{en ? 'missing' : '缺失'}</Tag>,
          },
          { title: en ? 'Number' : '文号', dataIndex: 'documentNumber' },
          {
            title: en ? 'Status' : '状态',
            dataIndex: 'status',
            render: (s: string) => (
              <Tag>{label(PLAN_STATUS_LABELS[s as keyof typeof PLAN_STATUS_LABELS], locale, s)}</Tag>
            ),
          },
        ]}
      />
    </div>
  );
}
