import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Badge, Card, Col, Row, Select, Spin, Statistic, Typography } from 'antd';
import type { Dashboard, Json, Page, PlanRow, PlanTree, RankedUnit, TaskView } from '../api/types.js';
import type { IndicatorStatusReport } from '../../../src/supervision/supervision.service.js';
import type { OutboxSummary as ServerOutboxSummary } from '../../../src/notifications/mail/mail.dto.js';
import type { NoticeWarnings as ServerNoticeWarnings } from '../../../src/notifications/notifications.dto.js';
import type { DashboardCharts } from '../../../src/supervision/charts/dashboard-charts.service.js';
import type { IndicatorRow, NoLeadGoal } from './DashboardDetails.js';
import { useApp } from '../app-context.js';
import { ChartPicture } from '../components/ChartPicture.js';
import { Hint, LightTag } from '../components/common.js';
import { hasLead } from '../lib/assignments.js';
import { addDays, percent } from '../lib/dates.js';
import { DASHBOARD_CHARTS, DASHBOARD_LOAD, dashboardChartsQuery } from '../lib/early.js';
import { LAYOUT, type ChartWidths } from '../lib/layout.js';

type OutboxSummary = Json<ServerOutboxSummary>;
type NoticeWarnings = Json<ServerNoticeWarnings>;
// The lists and the calendar under the charts: a chunk of their own (antd's table and calendar), loaded
// after the first screen has drawn.
const DashboardDetails = lazy(() => import('./DashboardDetails.js'));

/** 工作台: the office's morning view. */
export default function DashboardPage() {
  const { api, locale } = useApp();
  const en = locale === 'en';
  const [dash, setDash] = useState<Dashboard | null>(null);
  const [ranking, setRanking] = useState<RankedUnit[]>([]);
  const [plans, setPlans] = useState<PlanRow[]>([]);
  const [planId, setPlanId] = useState<number | undefined>();
  const [overdue, setOverdue] = useState<Page<TaskView> | null>(null);
  const [upcoming, setUpcoming] = useState<TaskView[]>([]);
  const [tree, setTree] = useState<PlanTree | null>(null);
  const [indicators, setIndicators] = useState<IndicatorRow[]>([]);
  // Failed mail and notice warnings, as answered (null: not answered, e.g. a viewer may see neither).
  const [mail, setMail] = useState<{ outbox: OutboxSummary | null; notices: NoticeWarnings | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The lists and the calendar below the charts mount once the figures and charts are drawn: the
  // first screen does not wait for their rendering (a cold load is mostly the main thread's work).
  const [below, setBelow] = useState(false);
  useEffect(() => {
    if (!dash || below) return;
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 1));
    const id = idle(() => setBelow(true), { timeout: 300 });
    return () => (window.cancelIdleCallback ?? window.clearTimeout)(id);
  }, [dash, below]);

  useEffect(() => {
    api.get<Page<PlanRow>>(...DASHBOARD_LOAD.plans).then(
      (p) => setPlans(p.items),
      (e: Error) => setError(e.message),
    );
  }, [api]);

  useEffect(() => {
    const q = { planId };
    // The same requests as lib/early.ts starts before this page's code has arrived (all plans).
    Promise.all([
      api.get<Dashboard>(DASHBOARD_LOAD.dashboard[0], { ...DASHBOARD_LOAD.dashboard[1], ...q }),
      api.get<RankedUnit[]>(DASHBOARD_LOAD.ranking[0], { ...DASHBOARD_LOAD.ranking[1], ...q }),
      api.get<Page<TaskView>>(DASHBOARD_LOAD.overdue[0], { ...DASHBOARD_LOAD.overdue[1], ...q }),
    ]).then(
      ([d, r, o]) => {
        setDash(d);
        setRanking(r);
        setOverdue(o);
        api
          .get<Page<TaskView>>('/tasks', {
            ...q,
            state: 'open',
            dueFrom: d.today,
            dueTo: addDays(d.today, 60),
            sort: 'dueOn',
            pageSize: 200,
          })
          .then(
            (u) => setUpcoming(u.items),
            () => undefined,
          );
      },
      (e: Error) => setError(e.message),
    );
  }, [api, planId]);

  const plan = planId ?? plans[0]?.id;
  useEffect(() => {
    if (!plan || !dash) return;
    api.get<PlanTree>(`/plans/${plan}`).then(setTree, () => undefined);
    api
      .get<Json<IndicatorStatusReport>>('/supervision/indicators', {
        planId: plan,
        year: Number(dash.today.slice(0, 4)) - 1,
      })
      .then(
        (r) => setIndicators(r.goals.filter((i) => i.status === 'at_risk' || i.status === 'not_met')),
        () => setIndicators([]),
      );
  }, [api, plan, dash]);

  // Asked once (the early answers of lib/early.ts), not again whenever the plans or the language change.
  useEffect(() => {
    Promise.allSettled([
      api.get<OutboxSummary>(...DASHBOARD_LOAD.outbox),
      api.get<NoticeWarnings>(...DASHBOARD_LOAD.noticeWarnings),
    ]).then(([outbox, notices]) =>
      setMail({
        outbox: outbox.status === 'fulfilled' ? outbox.value : null,
        notices: notices.status === 'fulfilled' ? notices.value : null,
      }),
    );
  }, [api]);

  const warnings = useMemo(() => {
    const list: string[] = [];
    for (const p of plans)
      if (!p.issuedOn)
        list.push(
          en
            ? `Plan "${p.title}" has no issue date: its first deadlines cannot be set.`
            : `规划《${p.title}》没有颁布日期，无法确定首个截止日期。`,
        );
    // Failed mail, and what keeps notices from being complete (no office e-mail).
    if (mail?.outbox) {
      const failed = (mail.outbox.counts.failed ?? 0) + (mail.outbox.counts.rejected ?? 0);
      if (failed)
        list.push(
          en
            ? `${failed} e-mails failed; see Notices & mail to retry.`
            : `${failed} 封邮件发送失败，请到“通知与邮件”重试。`,
        );
    }
    for (const w of mail?.notices?.warnings ?? []) list.push(en ? w.en : w.message);
    return list;
  }, [plans, en, mail]);

  const noLead = useMemo<NoLeadGoal[]>(
    () =>
      (tree?.areas ?? []).flatMap((a) =>
        a.goals.filter((g) => !hasLead(g.assignments)).map((g) => ({ ...g, area: a.name })),
      ),
    [tree],
  );

  // The charts are drawn by the server at the widths of their boxes (ChartPicture): measured once
  // laid out, asked again only when a box's width really changes, in the page's language. On a first
  // load lib/early.ts has already asked at the widths lib/layout.ts predicts: the same request.
  const statusBox = useRef<HTMLDivElement>(null);
  const rankingBox = useRef<HTMLDivElement>(null);
  const [widths, setWidths] = useState<ChartWidths | null>(null);
  const [charts, setCharts] = useState<Json<DashboardCharts> | null>(null);
  const [chartsFailed, setChartsFailed] = useState<string | null>(null);
  const hasRanking = ranking.length > 0;
  useLayoutEffect(() => {
    if (!dash) return;
    const measure = () => {
      const next = { status: statusBox.current?.clientWidth ?? 0, ranking: rankingBox.current?.clientWidth ?? 0 };
      setWidths((prev) => (prev?.status === next.status && prev.ranking === next.ranking ? prev : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const box of [statusBox.current, rankingBox.current]) if (box) observer.observe(box);
    return () => observer.disconnect();
  }, [dash, hasRanking]);
  // What was last asked for: its answer is the one shown (an older one arriving late is dropped), and
  // a width that changes and changes back before the pictures are asked again asks nothing.
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!widths) return;
    const query = dashboardChartsQuery(widths, planId);
    const key = JSON.stringify([query, locale]);
    if (key === asked.current) return;
    const ask = () => {
      asked.current = key;
      api.get<Json<DashboardCharts>>(DASHBOARD_CHARTS, query).then(
        (c) => {
          if (asked.current !== key) return;
          setCharts(c);
          setChartsFailed(null);
        },
        (e: Error) => {
          if (asked.current !== key) return;
          asked.current = null; // asked again on the next change
          setChartsFailed(e.message);
        },
      );
    };
    // The first pictures at once; later ones (a window being resized, another plan) once it rests 200 ms.
    const timer = asked.current === null ? (ask(), undefined) : window.setTimeout(ask, 200);
    return () => window.clearTimeout(timer);
  }, [api, planId, widths, locale]);

  if (error) return <Alert type="error" title={error} showIcon />;
  if (!dash) return <Spin />;
  const o = dash.overall;
  return (
    <div>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          flexWrap: 'wrap',
          gap: 8,
          marginBottom: 12,
        }}
      >
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {en ? 'Dashboard' : '工作台'}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
            {dash.today}
          </Typography.Text>
        </Typography.Title>
        <Select
          aria-label={en ? 'Plan' : '规划'}
          allowClear
          placeholder={en ? 'All plans' : '全部规划'}
          style={{ minWidth: 260 }}
          value={planId}
          onChange={setPlanId}
          options={plans.map((p) => ({ value: p.id, label: p.title }))}
        />
      </div>
      {warnings.map((w) => (
        <Alert key={w} type="warning" title={w} showIcon style={{ marginBottom: 8 }} />
      ))}
      {o.total === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            en ? 'No tasks yet: import a plan, then generate its duties.' : '还没有任务：请先导入规划，再生成任务。'
          }
          action={<Link to="/import">{en ? 'Import plan' : '导入规划'}</Link>}
        />
      )}
      <Row gutter={[LAYOUT.gutter, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={en ? 'Tasks' : '任务总数'} value={o.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={en ? 'Completion rate' : '完成率'} value={percent(o.completionRate)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={en ? 'On-time rate' : '按时率'} value={percent(o.onTimeRate)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={en ? 'Overdue' : '逾期未交'}
              value={o.overdueOpen}
              styles={{ content: { color: o.overdueOpen ? '#a8071a' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[LAYOUT.gutter, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={8}>
          <Card size="small" title={en ? 'Plans: traffic lights' : '各规划红绿灯'}>
            {dash.byPlan.length === 0 ? (
              <Hint>{en ? 'No plan has tasks yet.' : '暂无规划任务'}</Hint>
            ) : (
              dash.byPlan.map((p) => (
                <div key={p.key} style={{ marginBottom: 8 }}>
                  <Link to={`/plans/${p.key}`}>{p.label}</Link>
                  <div>
                    <Badge color="green" text={`${p.total - p.overdueOpen - p.cancelled}`} />{' '}
                    <Badge color="red" text={`${p.overdueOpen}`} style={{ marginLeft: 12 }} />{' '}
                    <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                      {en ? 'completion' : '完成率'} {percent(p.completionRate)}
                    </Typography.Text>
                  </div>
                </div>
              ))
            )}
            <div style={{ marginTop: 8 }}>
              {(['green', 'yellow', 'red', 'grey'] as const).map((l) => (
                <span key={l} style={{ marginRight: 8 }}>
                  <LightTag light={l} locale={locale} />
                  {dash.lights[l]}
                </span>
              ))}
            </div>
          </Card>
          <Card size="small" title={en ? 'Tasks by status' : '任务状态'} style={{ marginTop: 12 }}>
            <ChartPicture
              boxRef={statusBox}
              chart={charts?.status ?? undefined}
              failed={chartsFailed ?? undefined}
              label={en ? 'Tasks by status' : '任务状态分布'}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={en ? 'Units ranked by completion and on-time rate' : '成员单位完成率与按时率排名'}>
            {ranking.length === 0 ? (
              <Hint>{en ? 'No unit has tasks yet.' : '暂无单位任务'}</Hint>
            ) : (
              <ChartPicture
                boxRef={rankingBox}
                chart={charts?.ranking ?? undefined}
                failed={chartsFailed ?? undefined}
                label={en ? 'Ranking of units' : '单位排名图'}
              />
            )}
          </Card>
        </Col>
      </Row>
      {below && (
        <Suspense fallback={<Spin />}>
          <DashboardDetails overdue={overdue} upcoming={upcoming} noLead={noLead} indicators={indicators} plan={plan} />
        </Suspense>
      )}
    </div>
  );
}
