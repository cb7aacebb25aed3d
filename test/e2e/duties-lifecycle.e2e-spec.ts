import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { binary } from '../helpers/binary.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { DutyRemindersService } from '../../src/duties/reminders/duty-reminders.service.js';

/**
 * The whole life cycle through the API: 签收, progress per item (with indicator values and
 * files), 提交, 退回 with a reason, resubmission, 办结; 延期申请; 交办; who may do what; optimistic
 * locking; the audit trail; a unit sees only its own tasks; deadlines at the time-zone edge.
 */
describeEachEngine('duties: task life cycle', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2024-12-01T09:00:00+08:00');
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'luoshi-att-'));
  let health: number; // 自治县卫生健康局: leads goal 1 (indicator ≤ 12/10万) and goal 3
  let fulian: number; // 自治县妇联: leads goal 2, responsible for goal 1
  let education: number; // 自治县教育科技局: responsible for goal 3
  let planId: number;
  let indicatorId: number;
  let goal3: number;

  /** A logged-in client: the office (as a named office administrator) or a unit's liaison. */
  const as = (unitId: number | null, name?: string) => {
    const c = () => (unitId === null ? (name ? t.asRole('office_admin', name) : t.http()) : t.asUnit(unitId, name));
    return {
      get: (url: string) => c().get(url),
      post: (url: string, body?: object) => c().post(url).send(body),
      patch: (url: string, body: object) => c().patch(url).send(body),
      upload: (url: string) => c().post(url),
      del: (url: string) => c().delete(url),
    };
  };
  const office = as(null, '办公室 王芳');
  const task = async (unitId: number, kind: string, year?: number) => {
    const res = await office.get(`/api/tasks?unitId=${unitId}&kind=${kind}${year ? `&year=${year}` : ''}`);
    expect(res.body.total).toBe(1);
    return (await office.get(`/api/tasks/${res.body.items[0].id}`)).body;
  };

  beforeAll(async () => {
    t = await createTestApp(
      engine,
      { 'duties.attachments.dir': attachmentsDir, 'duties.attachments.maxMegabytes': 1 },
      { clock },
    );
    const unit = async (name: string) =>
      (await t.http().post('/api/units').send({ name, kind: 'government' })).body.id as number;
    health = await unit('自治县卫生健康局');
    fulian = await unit('自治县妇联');
    education = await unit('自治县教育科技局');
    const plan = await t
      .http()
      .post('/api/plans')
      .send({
        title: '测试县妇女发展规划（2021—2025年）',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        issuedOn: '2024-11-15',
        areas: [
          {
            number: 1,
            name: '妇女与健康',
            goals: [
              {
                number: 1,
                text: '孕产妇死亡率控制在12/10万以下。',
                leadUnitIds: [health],
                responsibleUnitIds: [fulian],
                indicators: [
                  {
                    phrase: '孕产妇死亡率控制在12/10万以下',
                    name: '孕产妇死亡率',
                    comparator: 'lte',
                    value: 12,
                    unit: 'per_100k',
                  },
                ],
              },
              {
                number: 2,
                text: '宫颈癌筛查率达到70%以上。',
                leadUnitIds: [fulian],
                indicators: [
                  { phrase: '宫颈癌筛查率达到70%以上', name: '宫颈癌筛查率', comparator: 'gte', value: 70, unit: '%' },
                ],
              },
              { number: 3, text: '普及健康知识。', leadUnitIds: [health], responsibleUnitIds: [education] },
            ],
          },
        ],
      });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
    indicatorId = plan.body.areas[0].goals[0].indicators[0].id;
    goal3 = plan.body.areas[0].goals[2].id;
    await office.post('/api/duties/generate', { planId }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });

  it("a unit sees only its own tasks; another unit's task does not exist for it", async () => {
    const all = (await office.get('/api/tasks?pageSize=200')).body;
    const mine = (await as(health).get('/api/tasks?pageSize=200')).body;
    // 2021–2025 plan issued 2024-11-15: per unit with goals an implementation plan, annual reports
    // on 2024 and 2025 and the final evaluation (4); leads of goals with indicators also monitoring
    // data for 2024 and 2025 (卫健局, 妇联: 6); the office its two reports upward. 6 + 6 + 4 + 2 = 18.
    expect(mine.total).toBe(6);
    expect(all.total).toBe(18);
    expect(mine.items.every((x: { unitId: number }) => x.unitId === health)).toBe(true);
    // The filter cannot widen the scope.
    expect((await as(health).get(`/api/tasks?unitId=${fulian}`)).body.total).toBe(0);
    const other = (await office.get(`/api/tasks?unitId=${fulian}&kind=implementation_plan`)).body.items[0];
    expect((await as(health).get(`/api/tasks/${other.id}`)).status).toBe(404);
    expect(
      (await as(health).post(`/api/tasks/${other.id}/actions/acknowledge`, { version: other.version })).status,
    ).toBe(404);
    // Without credentials, or with a forged token, nobody is anybody.
    expect((await t.anonymous().get('/api/tasks')).status).toBe(401);
    expect((await t.anonymous().get('/api/tasks').set('Authorization', 'Bearer lsk_forged')).status).toBe(401);
  });

  it('reminders read the tasks a unit still owes, with its liaisons (the source the notifications use)', async () => {
    expect(
      (await t.http().post(`/api/units/${health}/liaisons`).send({ name: '李明', email: 'liming@example.gov.cn' }))
        .status,
    ).toBe(201);
    const source = t.app.get(DutyRemindersService);
    const committeeId = (await t.http().get('/api/committees/default')).body.id;
    const due = await source.findRemindable(committeeId, '2024-12-01', {
      dueFrom: '2024-12-15',
      dueTo: '2024-12-15',
      dueDates: ['2024-12-15'],
    });
    expect(due.map((r) => r.unitId).sort()).toEqual([health, fulian, education].sort());
    const mine = due.find((r) => r.unitId === health)!;
    expect(mine).toMatchObject({
      title: '实施方案',
      planId,
      planTitle: '测试县妇女发展规划（2021—2025年）',
      dueOn: '2024-12-15',
      state: 'assigned',
      assignedOn: '2024-12-01',
      liaisons: [{ name: '李明', email: 'liming@example.gov.cn', locale: 'zh-CN' }],
    });
    expect(mine.link).toMatch(new RegExp(`/tasks/${mine.id}$`));
    expect(await source.findForUrging(committeeId, { unitIds: [health] }, '2024-12-01')).toEqual([]);
    expect((await source.findForUrging(committeeId, { taskIds: [mine.id] }, '2024-12-01')).map((r) => r.id)).toEqual([
      mine.id,
    ]);
    expect(await source.snapshots([mine.id, 999999])).toEqual([
      { id: mine.id, state: 'assigned', dueOn: '2024-12-15' },
    ]);
  });

  it('assigned → acknowledged → in progress (by reporting on an item) → submitted → returned → resubmitted → accepted, each step recorded', async () => {
    let impl = await task(health, 'implementation_plan');
    expect(impl).toMatchObject({
      state: 'assigned',
      dueOn: '2024-12-15',
      version: 1,
      status: 'not_due',
      light: 'green',
      daysLeft: 14,
    });
    const unit = as(health, '卫健局 李明');
    expect((await unit.get(`/api/tasks/${impl.id}`)).body.allowedActions).toEqual(['acknowledge', 'start', 'submit']);
    expect(impl.allowedActions).toEqual(['cancel']); // the office's view

    let res = await unit.post(`/api/tasks/${impl.id}/actions/acknowledge`, { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'acknowledged', version: 2 });
    expect(new Date(res.body.acknowledgedAt).toISOString()).toBe('2024-12-01T01:00:00.000Z');

    // Item progress with the year's indicator value, validated against the indicator's unit.
    const item = impl.items.find(
      (i: { role: string; indicators: unknown[] }) => i.role === 'lead' && i.indicators.length === 1,
    );
    expect(item.indicators[0]).toMatchObject({ id: indicatorId, unit: 'per_100k', value: 12 });
    res = await unit.patch(`/api/tasks/${impl.id}/items/${item.id}`, {
      version: item.version,
      indicatorValues: [{ indicatorId, value: -3 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_INDICATOR_VALUE');
    expect(res.body.details.fields[0].field).toBe('indicatorValues[0].value');
    res = await unit.patch(`/api/tasks/${impl.id}/items/${item.id}`, {
      version: item.version,
      indicatorValues: [{ indicatorId: indicatorId + 1000, value: 3 }],
    });
    expect(res.status).toBe(400);
    res = await unit.patch(`/api/tasks/${impl.id}/items/${item.id}`, {
      version: item.version,
      progress: 'on_track',
      narrative: '已印发实施方案',
      indicatorValues: [{ indicatorId, value: 11.5 }],
    });
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({
      progress: 'on_track',
      narrative: '已印发实施方案',
      version: item.version + 1,
      indicatorValues: [{ indicatorId, value: 11.5 }],
    });
    // Reporting on an item means the unit is working on the task.
    expect(res.body.task).toMatchObject({ state: 'in_progress', version: 3 });
    // Two people editing one item: the second gets 409.
    res = await unit.patch(`/api/tasks/${impl.id}/items/${item.id}`, { version: item.version, progress: 'at_risk' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('VERSION_CONFLICT');
    // The office cannot report for a unit.
    expect(
      (await office.patch(`/api/tasks/${impl.id}/items/${item.id}`, { version: item.version + 1, progress: 'done' }))
        .status,
    ).toBe(403);

    // Invalid moves are 409 and list what is allowed; moves of the other role are 403.
    res = await unit.post(`/api/tasks/${impl.id}/actions/accept`, { version: 3 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { state: 'in_progress', action: 'accept', allowed: ['submit'] },
    });
    res = await office.post(`/api/tasks/${impl.id}/actions/submit`, { version: 3 });
    expect(res.status).toBe(403);
    expect(res.body.details.allowed).toEqual(['cancel']);
    expect((await unit.post(`/api/tasks/${impl.id}/actions/fly`, { version: 3 })).status).toBe(400);

    clock.set('2024-12-10T10:00:00+08:00');
    res = await unit.post(`/api/tasks/${impl.id}/actions/submit`, { version: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'submitted', status: 'done_on_time', light: 'green' });
    const firstSubmission = res.body.submittedAt;
    expect(new Date(firstSubmission).toISOString()).toBe('2024-12-10T02:00:00.000Z');

    // 退回 needs a reason; a stale version loses.
    res = await office.post(`/api/tasks/${impl.id}/actions/return`, { version: 4 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REASON_REQUIRED');
    res = await office.post(`/api/tasks/${impl.id}/actions/return`, { version: 4, reason: '请补充分年度工作安排' });
    expect(res.body).toMatchObject({ state: 'returned', version: 5 });
    res = await as(null, '办公室 张强').post(`/api/tasks/${impl.id}/actions/accept`, { version: 4 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('VERSION_CONFLICT');

    clock.set('2024-12-20T10:00:00+08:00'); // after the deadline: the first submission still counts
    res = await unit.post(`/api/tasks/${impl.id}/actions/submit`, { version: 5 });
    expect(res.body).toMatchObject({ state: 'submitted', submittedAt: firstSubmission, status: 'done_on_time' });
    expect(new Date(res.body.lastSubmittedAt).toISOString()).toBe('2024-12-20T02:00:00.000Z');
    res = await office.post(`/api/tasks/${impl.id}/actions/accept`, { version: 6 });
    expect(res.body).toMatchObject({ state: 'accepted', status: 'done_on_time', allowedActions: ['reopen'] });

    impl = res.body;
    expect(
      impl.events.map(
        (e: { action: string; actor: string; actorRole: string; fromState: string | null; toState: string | null }) =>
          `${e.action} ${e.actorRole} ${e.actor} ${e.fromState}→${e.toState}`,
      ),
    ).toEqual([
      'generate system 办公室 王芳 null→assigned',
      'acknowledge unit 卫健局 李明 assigned→acknowledged',
      'start unit 卫健局 李明 acknowledged→in_progress',
      'submit unit 卫健局 李明 in_progress→submitted',
      'return office 办公室 王芳 submitted→returned',
      'submit unit 卫健局 李明 returned→submitted',
      'accept office 办公室 王芳 submitted→accepted',
    ]);
    expect(impl.events[4].reason).toBe('请补充分年度工作安排');
    expect(new Date(impl.events[3].at).toISOString()).toBe('2024-12-10T02:00:00.000Z');

    // Reopening an accepted task needs a reason too.
    expect((await office.post(`/api/tasks/${impl.id}/actions/reopen`, { version: 7 })).status).toBe(400);
  });

  it('attachments: type and size limits, stored once by hash outside the database, downloaded as sent', async () => {
    clock.set('2024-12-01T09:00:00+08:00');
    const annual = await task(health, 'annual_report', 2024);
    const unit = as(health);
    const url = `/api/tasks/${annual.id}/attachments`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);
    let res = await unit
      .upload(url)
      .attach('file', Buffer.from('MZ...'), { filename: 'tool.exe', contentType: 'application/octet-stream' });
    expect(res.status).toBe(415);
    res = await unit
      .upload(url)
      .attach('file', Buffer.from('MZ not a pdf'), { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(415);
    res = await unit.upload(url).attach('file', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1024 * 1024 + 10)]), {
      filename: 'big.pdf',
      contentType: 'application/pdf',
    });
    expect(res.status).toBe(413);
    expect(
      (await office.upload(url).attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' })).status,
    ).toBe(403);
    res = await unit
      .upload(url)
      .field('itemId', String(annual.items[0].id))
      .attach('file', pdf, { filename: '2024年度报告.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(res.body).toMatchObject({
      fileName: '2024年度报告.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha,
      itemId: annual.items[0].id,
    });
    expect(existsSync(join(attachmentsDir, sha))).toBe(true);
    const again = await unit.upload(url).attach('file', pdf, { filename: 'copy.pdf', contentType: 'application/pdf' });
    expect(again.status).toBe(201);
    const download = await unit.get(`${url}/${res.body.id}`).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('2024年度报告.pdf')}`,
    );
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    expect((await as(fulian).get(`${url}/${res.body.id}`)).status).toBe(404);
    // Removing one of two attachments with the same bytes keeps the file for the other.
    expect((await unit.del(`${url}/${again.body.id}`)).status).toBe(204);
    expect(existsSync(join(attachmentsDir, sha))).toBe(true);
    expect((await unit.del(`${url}/${res.body.id}`)).status).toBe(204);
    expect(existsSync(join(attachmentsDir, sha))).toBe(false);
  });

  it('延期申请: the unit asks, the office decides; the deadline moves and the original stays', async () => {
    const impl = await task(fulian, 'implementation_plan');
    const unit = as(fulian, '妇联 赵丽');
    let res = await unit.post(`/api/tasks/${impl.id}/extension-requests`, {
      requestedDueOn: '2024-12-10',
      reason: '等待县政府审定',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('DATE_NOT_LATER');
    expect(
      (await office.post(`/api/tasks/${impl.id}/extension-requests`, { requestedDueOn: '2024-12-31', reason: 'x' }))
        .status,
    ).toBe(403);
    res = await unit.post(`/api/tasks/${impl.id}/extension-requests`, {
      requestedDueOn: '2024-12-31',
      reason: '等待县政府审定',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'pending', currentDueOn: '2024-12-15', requestedDueOn: '2024-12-31' });
    expect(
      (await unit.post(`/api/tasks/${impl.id}/extension-requests`, { requestedDueOn: '2025-01-31', reason: 'again' }))
        .status,
    ).toBe(409);
    const pending = (await office.get('/api/extension-requests?requestState=pending')).body;
    expect(pending.items.map((r: { id: number }) => r.id)).toEqual([res.body.id]);
    expect((await as(health).get('/api/extension-requests')).body.total).toBe(0);
    expect((await unit.post(`/api/extension-requests/${res.body.id}/decision`, { decision: 'approve' })).status).toBe(
      403,
    );
    expect((await office.post(`/api/extension-requests/${res.body.id}/decision`, { decision: 'reject' })).status).toBe(
      400,
    );
    const decided = await office.post(`/api/extension-requests/${res.body.id}/decision`, {
      decision: 'approve',
      grantedDueOn: '2024-12-20',
      reason: '同意延期至12月20日',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ state: 'approved', grantedDueOn: '2024-12-20', decidedBy: '办公室 王芳' });
    expect(
      (await office.post(`/api/extension-requests/${res.body.id}/decision`, { decision: 'reject', reason: 'late' }))
        .status,
    ).toBe(409);
    const after = await task(fulian, 'implementation_plan');
    expect(after).toMatchObject({ dueOn: '2024-12-20', originalDueOn: '2024-12-15' });
    expect(after.events.map((e: { action: string }) => e.action)).toEqual([
      'generate',
      'extension_request',
      'extension_approve',
    ]);
    expect(after.events[2].details).toEqual({
      requestId: res.body.id,
      requestedDueOn: '2024-12-31',
      from: '2024-12-15',
      to: '2024-12-20',
    });
    // Regeneration keeps the extension.
    const [report] = (await office.post('/api/duties/generate', { planId }).expect(200)).body;
    expect(report.moved).toEqual([]);
    expect((await task(fulian, 'implementation_plan')).dueOn).toBe('2024-12-20');
  });

  it('交办: the office assigns an ad hoc task, linked to goals; units cannot', async () => {
    const res = await office.post('/api/tasks', {
      unitId: education,
      title: '督导检查发现问题整改',
      description: '12月督查发现的问题',
      dueOn: '2025-03-31',
      goalIds: [goal3],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'ad_hoc',
      planId,
      unitId: education,
      dueOn: '2025-03-31',
      originalDueOn: '2025-03-31',
      year: 2025,
      state: 'assigned',
      dutyKey: null,
    });
    const detail = (await as(education).get(`/api/tasks/${res.body.id}`)).body;
    expect(detail.items).toEqual([expect.objectContaining({ goalId: goal3, role: 'linked' })]);
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['assign']);
    expect(
      (await as(education).post('/api/tasks', { unitId: education, title: 'x', dueOn: '2025-03-31' })).status,
    ).toBe(403);
    expect((await office.post('/api/tasks', { unitId: 99999, title: 'x', dueOn: '2025-03-31' })).status).toBe(400);
    // The office may move its deadline; generation leaves ad hoc tasks alone.
    const moved = await office.patch(`/api/tasks/${res.body.id}`, {
      version: 1,
      dueOn: '2025-04-30',
      reason: '春节顺延',
    });
    expect(moved.body).toMatchObject({ dueOn: '2025-04-30', originalDueOn: '2025-03-31', version: 2 });
    const [report] = (await office.post('/api/duties/generate', { planId }).expect(200)).body;
    expect([...report.cancelled, ...report.moved].map((x: { taskId: number }) => x.taskId)).not.toContain(res.body.id);
  });

  it('deadline at the time-zone edge: due 2025-12-31 in Asia/Shanghai, on time at 23:59 local, late at 00:01 next day', async () => {
    clock.set('2025-12-01T09:00:00+08:00');
    const a = (await office.post('/api/tasks', { unitId: health, title: '年终总结（边界测试A）', dueOn: '2025-12-31' }))
      .body;
    const b = (await office.post('/api/tasks', { unitId: fulian, title: '年终总结（边界测试B）', dueOn: '2025-12-31' }))
      .body;
    clock.set('2025-12-31T23:59:00+08:00');
    expect((await office.get(`/api/tasks/${b.id}`)).body).toMatchObject({
      status: 'due_soon',
      light: 'yellow',
      daysLeft: 0,
    });
    expect((await as(health).post(`/api/tasks/${a.id}/actions/submit`, { version: 1 })).body).toMatchObject({
      status: 'done_on_time',
    });
    clock.set('2026-01-01T00:01:00+08:00'); // 2025-12-31T16:01Z
    expect((await office.get(`/api/tasks/${b.id}`)).body).toMatchObject({
      status: 'overdue',
      light: 'red',
      daysLate: 1,
    });
    const overdue = (await office.get(`/api/tasks?status=overdue&q=${encodeURIComponent('边界测试')}`)).body.items.map(
      (x: { id: number }) => x.id,
    );
    expect(overdue).toEqual([b.id]);
    expect((await as(fulian).post(`/api/tasks/${b.id}/actions/submit`, { version: 1 })).body).toMatchObject({
      status: 'done_late',
      light: 'yellow',
      daysLate: 1,
      submittedOn: '2026-01-01',
    });
    const late = (await office.get(`/api/tasks?status=done_late&q=${encodeURIComponent('边界测试')}`)).body.items.map(
      (x: { id: number }) => x.id,
    );
    const onTime = (
      await office.get(`/api/tasks?status=done_on_time&q=${encodeURIComponent('边界测试')}`)
    ).body.items.map((x: { id: number }) => x.id);
    expect(late).toEqual([b.id]);
    expect(onTime).toEqual([a.id]);
    expect(
      (await office.get(`/api/tasks?light=yellow&q=${encodeURIComponent('边界测试')}`)).body.items.map(
        (x: { id: number }) => x.id,
      ),
    ).toEqual([b.id]);
  });

  it('the office owes its report upward itself and acts as the unit there', async () => {
    const upward = (await office.get(`/api/tasks?kind=upward_report&planId=${planId}&year=2024`)).body.items[0];
    expect(upward.unitId).toBeNull();
    expect(upward.allowedActions).toEqual(['acknowledge', 'start', 'submit', 'cancel']);
    expect((await office.post(`/api/tasks/${upward.id}/actions/submit`, { version: upward.version })).body.state).toBe(
      'submitted',
    );
    expect((await as(health).get(`/api/tasks/${upward.id}`)).status).toBe(404);
  });

  it('撤回: a unit withdraws its submission before the office reviews it; the next submission is the one judged', async () => {
    clock.set('2024-12-05T10:00:00+08:00');
    const annual = await task(education, 'annual_report', 2024);
    const unit = as(education, '教科局 陈刚');
    let res = await unit.post(`/api/tasks/${annual.id}/actions/submit`, { version: annual.version });
    expect(res.body).toMatchObject({ state: 'submitted', submittedOn: '2024-12-05', allowedActions: ['withdraw'] });
    expect((await office.post(`/api/tasks/${annual.id}/actions/withdraw`, { version: res.body.version })).status).toBe(
      403,
    );
    clock.set('2024-12-05T15:00:00+08:00');
    res = await unit.post(`/api/tasks/${annual.id}/actions/withdraw`, {
      version: res.body.version,
      reason: '数据有误，修改后重报',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'in_progress',
      submittedAt: null,
      submittedOn: null,
      lastSubmittedAt: null,
      allowedActions: ['submit'],
    });
    clock.set('2024-12-06T10:00:00+08:00');
    res = await unit.post(`/api/tasks/${annual.id}/actions/submit`, { version: res.body.version });
    expect(new Date(res.body.submittedAt).toISOString()).toBe('2024-12-06T02:00:00.000Z');
    res = await office.post(`/api/tasks/${annual.id}/actions/accept`, { version: res.body.version });
    expect(res.body.state).toBe('accepted');
    // Reviewed: no longer the unit's to take back.
    res = await unit.post(`/api/tasks/${annual.id}/actions/withdraw`, { version: res.body.version });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { state: 'accepted', allowed: [] } });
    const detail = (await office.get(`/api/tasks/${annual.id}`)).body;
    expect(
      detail.events.map(
        (e: { action: string; fromState: string | null; toState: string | null; reason: string | null }) =>
          `${e.action} ${e.fromState}→${e.toState} ${e.reason}`,
      ),
    ).toEqual([
      'generate null→assigned null',
      'submit assigned→submitted null',
      'withdraw submitted→in_progress 数据有误，修改后重报',
      'submit in_progress→submitted null',
      'accept submitted→accepted null',
    ]);
  });

  it('cancelling a task needs a reason, as returning one does', async () => {
    const final = await task(education, 'final_evaluation');
    let res = await office.post(`/api/tasks/${final.id}/actions/cancel`, { version: final.version });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'REASON_REQUIRED',
      details: { fields: [{ field: 'reason', problems: ['required'] }] },
    });
    res = await office.post(`/api/tasks/${final.id}/actions/cancel`, { version: final.version, reason: '   ' });
    expect(res.body.code).toBe('REASON_REQUIRED');
    res = await office.post(`/api/tasks/${final.id}/actions/cancel`, {
      version: final.version,
      reason: '并入县级终期评估',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'cancelled', cancelledReason: '并入县级终期评估' });
  });

  it('duty vocabulary is served from the same tables the service uses', async () => {
    const meta = (await t.http().get('/api/duties/meta')).body;
    expect(meta.transitions.submitted).toEqual({
      withdraw: 'in_progress',
      accept: 'accepted',
      return: 'returned',
      cancel: 'cancelled',
    });
    expect(meta.actions.find((a: { action: string }) => a.action === 'cancel')).toEqual({
      action: 'cancel',
      roles: ['office', 'system'],
      reason: 'required',
    });
    expect(meta.actions.find((a: { action: string }) => a.action === 'withdraw')).toEqual({
      action: 'withdraw',
      roles: ['unit'],
      reason: 'optional',
    });
    expect(meta.actions.find((a: { action: string }) => a.action === 'return')).toEqual({
      action: 'return',
      roles: ['office'],
      reason: 'required',
    });
    expect(meta.kinds.map((k: { kind: string }) => k.kind)).toContain('ad_hoc');
    // The history's words: every lifecycle action, and every action this suite's tasks recorded.
    for (const a of meta.actions as Array<{ action: string }>) expect(meta.events[a.action]?.['zh-CN']).toBeTruthy();
    const recorded = new Set<string>();
    for (const task of (await t.http().get('/api/tasks?pageSize=200')).body.items as Array<{ id: number }>)
      for (const e of (await t.http().get(`/api/tasks/${task.id}`)).body.events as Array<{ action: string }>)
        recorded.add(e.action);
    expect(recorded.size).toBeGreaterThan(5);
    expect([...recorded].filter((a) => !meta.events[a]?.['zh-CN'] || !meta.events[a]?.en)).toEqual([]);
    expect(meta.events.reassigned).toEqual({ 'zh-CN': '单位合并后转入', en: 'Moved over in a unit merge' });
  });
});
