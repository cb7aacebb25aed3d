import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { buildUrl } from '../api/client.js';
import type { Json } from '../api/types.js';
import type { Rollup as ServerRollup } from '../../../src/supervision/rollup/rollup.service.js';
import { useApp } from '../app-context.js';
import { Chart } from '../components/Chart.js';
import { percent } from '../lib/dates.js';

type Rollup = Json<ServerRollup>;
type Row = Rollup['rows'][number];

/** 下级工委汇总: the committees below, side by side (read only: their data is theirs to change). */
export default function RollupPage() {
  const { api, locale } = useApp();
  const en = locale === 'en';
  const [year, setYear] = useState<number | null>(null);
  const [data, setData] = useState<Rollup | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.get<Rollup>('/supervision/rollup', year ? { year } : undefined).then(
      (rollup) => live && setData(rollup),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, year]);
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 48, right: 16, bottom: 64 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name.replace(/妇女儿童工作委员会$/, '')),
        axisLabel: { interval: 0, rotate: rows.length > 4 ? 30 : 0 },
      },
      yAxis: [
        { type: 'value', name: '%', max: 100 },
        { type: 'value', name: en ? 'overdue' : '逾期', minInterval: 1 },
      ],
      series: [
        {
          name: en ? 'On-time rate' : '按时率',
          type: 'bar',
          data: rows.map((r) => (r.overall.onTimeRate === null ? null : Math.round(r.overall.onTimeRate * 1000) / 10)),
        },
        {
          name: en ? 'Completion rate' : '完成率',
          type: 'bar',
          data: rows.map((r) =>
            r.overall.completionRate === null ? null : Math.round(r.overall.completionRate * 1000) / 10,
          ),
        },
        {
          name: en ? 'Overdue open' : '逾期未报',
          type: 'bar',
          yAxisIndex: 1,
          data: rows.map((r) => r.overall.overdueOpen),
        },
      ],
    }),
    [rows, en],
  );
  const exportUrl = (format: 'xlsx' | 'csv') =>
    buildUrl('/supervision/rollup/export', { year: year || undefined, lang: locale, format });

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Lower committees' : '下级工委汇总'}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {en ? 'Read only: each committee changes its own data.' : '只读：各工委的数据由其自行维护。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber
          aria-label={en ? 'Year' : '年度'}
          placeholder={en ? 'Year' : '年度'}
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => setYear(v ?? null)}
        />
        <Button href={exportUrl('xlsx')}>{en ? 'Export .xlsx' : '导出 .xlsx'}</Button>
        <Button href={exportUrl('csv')}>{en ? 'Export .csv' : '导出 .csv'}</Button>
      </Space>
      {rows.length > 0 && (
        <Chart
          option={option}
          label={en ? 'Rates and overdue tasks per committee' : '各工委按时率、完成率和逾期任务'}
        />
      )}
      <Table<Row>
        rowKey="committeeId"
        size="small"
        loading={!data && !error}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: en ? 'No committee reports to yours.' : '暂无下级工委。' }}
        columns={[
          {
            title: en ? 'Committee' : '工委',
            render: (_, r) => <span style={{ paddingLeft: (r.depth - 1) * 16 }}>{r.name}</span>,
          },
          { title: en ? 'Plans' : '规划', render: (_, r) => r.plans.map((p) => p.title).join('；') || '—' },
          { title: en ? 'Expected' : '应报', align: 'right', render: (_, r) => r.overall.expected },
          { title: en ? 'Submitted' : '已报送', align: 'right', render: (_, r) => r.overall.submitted },
          { title: en ? 'On time' : '按时率', align: 'right', render: (_, r) => percent(r.overall.onTimeRate) },
          { title: en ? 'Completion' : '完成率', align: 'right', render: (_, r) => percent(r.overall.completionRate) },
          {
            title: en ? 'Overdue' : '逾期未报',
            align: 'right',
            render: (_, r) => (r.overall.overdueOpen ? <Tag color="red">{r.overall.overdueOpen}</Tag> : 0),
          },
          {
            title: en ? 'Reports upward' : '向上级报告',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {r.upwardReports
                  .filter((u) => u.state === 'submitted' || u.state === 'accepted')
                  .map((u) => (
                    <span key={u.taskId}>
                      <Link to={`/tasks/${u.taskId}`}>
                        {u.year}
                        {en ? '' : '年度'}
                      </Link>{' '}
                      {u.attachments.map((a) => (
                        <a key={a.id} href={`/api/tasks/${u.taskId}/attachments/${a.id}`} style={{ marginLeft: 4 }}>
                          {a.fileName}
                        </a>
                      ))}
                    </span>
                  ))}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
