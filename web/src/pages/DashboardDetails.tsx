import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Calendar, Card, Col, List, Row, Table, Tag, Typography } from 'antd';
import type { Json, Page, TaskView } from '../api/types.js';
import type { GoalIndicators } from '../../../src/supervision/supervision.service.js';
import { useApp } from '../app-context.js';
import { EscalationTag } from '../components/common.js';
import { label } from '../lib/i18n.js';

/** A goal of GET /api/supervision/indicators (its indicators and what they add up to). */
export type IndicatorRow = Json<GoalIndicators>;

export interface NoLeadGoal {
  id: number;
  number: number;
  text: string;
  area: string;
}

/** The dashboard below its charts: overdue tasks, the next 60 days, goals without a lead, indicators at risk. */
export default function DashboardDetails({
  overdue,
  upcoming,
  noLead,
  indicators,
  plan,
}: {
  overdue: Page<TaskView> | null;
  upcoming: TaskView[];
  noLead: NoLeadGoal[];
  indicators: IndicatorRow[];
  plan: number | undefined;
}) {
  const { locale, meta } = useApp();
  const en = locale === 'en';
  const dueByDay = useMemo(() => {
    const m = new Map<string, TaskView[]>();
    for (const t of upcoming) m.set(t.dueOn, [...(m.get(t.dueOn) ?? []), t]);
    return m;
  }, [upcoming]);

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={en ? `Overdue (${overdue?.total ?? 0})` : `逾期任务（${overdue?.total ?? 0}）`}
            extra={<Link to="/tasks?status=overdue">{en ? 'All' : '全部'}</Link>}
          >
            <Table<TaskView>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={overdue?.items ?? []}
              scroll={{ x: 500 }}
              locale={{ emptyText: en ? 'Nothing overdue.' : '没有逾期任务。' }}
              columns={[
                { title: en ? 'Unit' : '单位', render: (_, t) => t.unit?.name },
                { title: en ? 'Task' : '任务', render: (_, t) => <Link to={`/tasks/${t.id}`}>{t.title}</Link> },
                { title: en ? 'Due' : '截止', dataIndex: 'dueOn' },
                {
                  title: en ? 'Days late' : '逾期天数',
                  dataIndex: 'daysLate',
                  render: (d: number) => <Typography.Text type="danger">{d}</Typography.Text>,
                },
                {
                  title: en ? 'Escalation' : '已升级',
                  render: (_, t) => <EscalationTag mark={t.escalation} locale={locale} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={en ? 'Deadlines in the next 60 days' : '未来 60 天截止'}>
            <Calendar
              fullscreen={false}
              value={undefined}
              headerRender={({ value }) => <Typography.Text strong>{value.format('YYYY-MM')}</Typography.Text>}
              cellRender={(d) => {
                const n = dueByDay.get(d.format('YYYY-MM-DD'))?.length;
                return n ? <Badge count={n} size="small" color="#b7355a" /> : null;
              }}
            />
            <List
              size="small"
              dataSource={[...dueByDay.entries()].slice(0, 6)}
              locale={{ emptyText: en ? 'No deadlines in the next 60 days.' : '未来 60 天没有截止任务。' }}
              renderItem={([day, list]) => (
                <List.Item>
                  {day}: {list.length} {en ? 'tasks' : '项'} (
                  {[
                    ...new Set(
                      list.map((t) => label(meta?.kinds.find((k) => k.kind === t.kind)?.labels, locale, t.title)),
                    ),
                  ].join('、')}
                  )
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={en ? `Goals without a lead unit (${noLead.length})` : `无牵头单位的目标（${noLead.length}）`}
          >
            <List
              size="small"
              dataSource={noLead.slice(0, 10)}
              locale={{ emptyText: en ? 'Every goal has a lead unit.' : '每个目标都有牵头单位。' }}
              renderItem={(g) => (
                <List.Item>
                  <Link to={`/plans/${plan}`}>
                    {g.area} · {g.number}. {g.text.slice(0, 60)}
                  </Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={en ? `Indicators at risk (${indicators.length})` : `存在风险的指标（${indicators.length}）`}
          >
            <List
              size="small"
              dataSource={indicators.slice(0, 10)}
              locale={{
                emptyText: en
                  ? 'No indicator at risk (values are reported with the monitoring data).'
                  : '暂无风险指标（指标值随年度监测数据上报）。',
              }}
              renderItem={(i) => (
                <List.Item>
                  {i.areaNumber}.{i.goalNumber} {i.text.slice(0, 50)}{' '}
                  <Tag color={i.status === 'not_met' ? 'red' : 'orange'}>{i.statusLabel ?? i.status}</Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
