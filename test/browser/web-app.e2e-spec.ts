/**
 * The web app in a real browser (Debian's Chromium driven by playwright-core): the office imports
 * logs in, imports the Weining plan with a preview, generates duties; a unit liaison records progress
 * and a value, assesses a qualitative indicator (达到/基本达到/未达到 with its basis), attaches a file
 * and submits; the office returns it, the unit resubmits, the office
 * accepts and sees the reported value and assessment on the task and in the plan; the dashboard shows it; a reminder's link opens its task after login;
 * every main page is screenshotted at 1366×768 and 390 px (test-artifacts/screenshots/) and
 * checked with axe-core (no serious or critical violations). Runs on SQLite: the engines are
 * covered by the API suites; this one is about the browser.
 * Without /usr/bin/chromium it is skipped with a message, except in CI where it fails.
 */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { AxeBuilder, browserSuite, CHROMIUM, launchChromium, SHOTS, type Browser } from '../helpers/chromium.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { readDocx } from '../helpers/docx-text.js';
import { WEB_APP_DIR } from '../../src/web/serve-web-app.js';
import { dashboardChartWidths } from '../../web/src/lib/layout.js';
import { taskHeading } from '../../web/src/lib/task-rules.js';
import { OUTBOX_STATUS_LABELS } from '../../src/notifications/outbox/mail-labels.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/weining-notice-and-women-plan-2021-2025.txt', import.meta.url));
// Generous: on a 2-core machine shared with other builds one step can take minutes.
jest.setTimeout(420_000);

browserSuite('web app in Chromium', () => {
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let browser: Browser | undefined;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM)).toBe(true); // CI: the browser must be there (.ci/run installs it)
    expect(existsSync(join(WEB_APP_DIR, 'index.html'))).toBe(true); // `node scripts/build.mjs` builds the app
    // 2024-02-05: the plan's 2023 implementation plans are overdue, the annual reports due soon.
    t = await createTestApp('sqlite', {}, { clock: new FixedClock('2024-02-05T09:00:00+08:00') });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    ({ context, page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Serious or critical axe violations of each page, checked all at once by the last test. */
  const violations: string[] = [];
  const checked: string[] = [];
  async function expectAccessible(name: string): Promise<void> {
    // antd's Table adds an aria-hidden row that only measures column widths (nothing in it is
    // reachable by keyboard in use); everything else is checked.
    const result = await new AxeBuilder({ page }).exclude('.ant-table-measure-row').analyze();
    checked.push(name);
    violations.push(
      ...result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${name}: ${v.id} (${v.impact}) ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        ),
    );
  }

  /** Screenshots at 1366×768 and 390 px wide, then the axe check. */
  async function capture(name: string): Promise<void> {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: join(SHOTS, `${name}-1366.png`) });
    await expectAccessible(name);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, `${name}-390.png`) });
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  it('serves the app for every path outside /api and keeps /api answering JSON', async () => {
    const deep = await fetch(`${base}/tasks/123`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await deep.text()).toContain('<div id="root"></div>');
    const api = await fetch(`${base}/api/nowhere`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  async function login(login: string, password: string, next = '/'): Promise<void> {
    await context.clearCookies();
    await page.goto(`${base}${next}`);
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === next);
  }

  let liaisonLogin = '';
  let taskId = 0;
  let indicatorName = '';
  let qualitativeName = '';
  let qualitativeArea = '';

  it('office: logs in, imports the Weining plan with a preview, generates duties, sees them in the ledger and on the dashboard', async () => {
    await page.goto(`${base}/tasks`);
    // Not logged in: the login page, remembering where to go.
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/tasks');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await capture('login');
    await page.getByLabel('登录名').fill('test-office-admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('登录名或密码不正确').waitFor();
    await login('test-office-admin', TEST_PASSWORD);
    await page.getByRole('heading', { name: /工作台/ }).waitFor();
    await page.getByText('还没有任务：请先导入规划，再生成任务。').waitFor();

    await page.getByRole('link', { name: '导入规划' }).first().click();
    await page.getByText('点击或拖入规划文件').waitFor();
    await capture('import');
    // A plan without its period cannot be imported: the preview says why and where, and the
    // confirm button waits for a corrected file.
    await page.locator('input[type=file]').setInputFiles({
      name: '无规划期.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(
        '某县妇女发展规划\n\n一、妇女与健康\n\n主要目标：\n\n1. 妇女平均预期寿命持续增长。\n\n策略措施：\n\n1. 完善妇女健康服务体系。（牵头单位：县卫健局）\n',
      ),
    });
    await page.getByText('有 1 个问题，需在文件中修正后才能导入').waitFor();
    await page.getByText('第1行“某县妇女发展规划”：没有找到规划期').waitFor();
    await expect(page.getByRole('button', { name: '请先修正文件' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await page.locator('input[type=file]').setInputFiles(FIXTURE);
    // The preview: the plan, warnings with their line numbers, the units found in the text.
    await page.getByText('威宁自治县妇女发展规划(2021—2025年)').first().waitFor();
    // NO_LEAD: “妇女与教育”第8条目标 on line 143 of the text.
    await page
      .getByRole('row')
      .filter({ hasText: '“妇女与教育”第8条目标没有牵头单位' })
      .getByRole('cell', { name: '143', exact: true })
      .waitFor();
    // What the import will do, in words (the counts the preview sends; the outcome not as a code).
    await page.getByText('新建规划', { exact: true }).waitFor();
    const previewed = (await t.http().post('/api/imports/preview').attach('file', FIXTURE).expect(200)).body;
    const counts = previewed.plans[0].counts;
    expect(counts.goalsWithoutLead).toBeGreaterThan(0);
    await page
      .locator('.ant-descriptions-item')
      .filter({ hasText: '未明确牵头单位的目标' })
      .getByText(String(counts.goalsWithoutLead), { exact: true })
      .waitFor();
    await capture('import-preview');
    await page.getByRole('button', { name: /新建为单位/ }).click();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成', { exact: true }).first().waitFor();
    await page.getByText('威宁自治县妇女发展规划(2021—2025年)：已新建').waitFor();
    await page.getByRole('button', { name: '生成任务' }).click();
    const done = await page.getByText(/已生成 \d+ 项任务/).textContent();
    const total = (await t.http().get('/api/tasks?pageSize=1').expect(200)).body.total;
    expect(total).toBeGreaterThan(0);
    expect(done).toContain(`已生成 ${total} 项任务`);

    await page.getByRole('link', { name: '查看督办台账' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(20); // the first page of the ledger
    await capture('tasks');

    // The dashboard's charts come drawn by the server, asked for once by lib/early.ts at the widths
    // lib/layout.ts predicts before the page is laid out: they must be the widths of the boxes.
    const chartRequests: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/supervision/dashboard/charts' || url.pathname.startsWith('/assets/echarts'))
        chartRequests.push(url.pathname + url.search);
    };
    page.on('request', onRequest);
    for (const [width, height] of [
      [900, 800],
      [390, 844],
      [1366, 768],
    ] as const) {
      // Away first: a dashboard still open would ask again at the new size (as it should).
      await page.goto('about:blank');
      await page.setViewportSize({ width, height });
      chartRequests.length = 0;
      await page.goto(`${base}/`);
      await page.locator('[data-testid=chart] svg').nth(1).waitFor();
      const boxes = await page.getByTestId('chart').evaluateAll((els) => els.map((e) => e.clientWidth));
      // A string: this project's TypeScript has no DOM library (the server's).
      const [innerWidth, clientWidth] = await page.evaluate<number[]>(
        '[window.innerWidth, document.documentElement.clientWidth]',
      );
      const predicted = dashboardChartWidths(innerWidth!, clientWidth!);
      expect({ width, boxes }).toEqual({ width, boxes: [predicted.status, predicted.ranking] });
      expect(chartRequests).toEqual([
        `/api/supervision/dashboard/charts?statusWidth=${predicted.status}&rankingWidth=${predicted.ranking}`,
      ]);
    }
    page.off('request', onRequest);
    await page.getByText(/逾期任务（[1-9]\d*）/).waitFor();
    // Hovering a slice of the status chart tells its figures (a point inside the largest slice).
    const point = await page.evaluate<{ x: number; y: number } | null>(`(() => {
      const svg = document.querySelector('[data-testid=chart] svg');
      const origin = svg.getBoundingClientRect();
      const area = (e) => e.getBoundingClientRect().width * e.getBoundingClientRect().height;
      const slices = [...svg.querySelectorAll('path[ecmeta_ssr_type=chart]')].sort((a, b) => area(b) - area(a));
      const r = slices[0].getBoundingClientRect();
      for (let x = r.left + 2; x < r.right; x += 4)
        for (let y = r.top + 2; y < r.bottom; y += 4)
          if (slices[0].isPointInFill(new DOMPoint(x - origin.left, y - origin.top))) return { x, y };
      return null;
    })()`);
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x, point!.y);
    expect(await page.getByRole('tooltip').textContent()).toMatch(
      /^(未到期|临近到期|已逾期|按时完成|逾期完成|已取消)：\d+ 项（[\d.]+%）$/,
    );
    await page.mouse.move(0, 0);
    await capture('dashboard');

    // The unit for the liaison's part: a monitoring-data task with a numeric and a qualitative
    // indicator (稳中有升, 不断提高 … take an assessment instead of a number).
    type Ind = { name: string; comparator: string };
    type Detail = { items: Array<{ target: { areaNumber: number; areaName: string } | null; indicators: Ind[] }> };
    const list = await t.http().get('/api/tasks?kind=monitoring_data&year=2023&pageSize=100').expect(200);
    let found: { id: number; unitId: number; detail: Detail } | null = null;
    for (const row of list.body.items as Array<{ id: number; unitId: number }>) {
      const detail = (await t.http().get(`/api/tasks/${row.id}`).expect(200)).body as Detail;
      const all = detail.items.flatMap((i) => i.indicators);
      if (all.some((x) => x.comparator === 'qualitative') && all.some((x) => x.comparator !== 'qualitative')) {
        found = { ...row, detail };
        break;
      }
    }
    expect(found).not.toBeNull();
    taskId = found!.id;
    const indicators = found!.detail.items.flatMap((i) => i.indicators);
    indicatorName = indicators.find((x) => x.comparator !== 'qualitative')!.name;
    const qualitativeItem = found!.detail.items.find((i) => i.indicators.some((x) => x.comparator === 'qualitative'))!;
    qualitativeName = qualitativeItem.indicators.find((x) => x.comparator === 'qualitative')!.name;
    qualitativeArea = `${qualitativeItem.target!.areaNumber}. ${qualitativeItem.target!.areaName}`;
    const unitId = found!.unitId;
    const me = await t.asUnit(unitId).get('/api/auth/me').expect(200);
    // Imported units have no liaison yet; the reminder test needs one to write to.
    await t
      .http()
      .post(`/api/units/${unitId}/liaisons`)
      .send({ name: '联络员', email: 'liaison@example.org' })
      .expect(201);
    liaisonLogin = me.body.user.login;
  });

  it('other office pages render with content and pass the checks', async () => {
    await page.goto(`${base}/plans`);
    // Codes in words: the plan's status.
    await page
      .getByRole('row')
      .filter({ hasText: '威宁自治县妇女发展规划' })
      .getByText('实施中', { exact: true })
      .waitFor();
    await page.getByRole('link', { name: '威宁自治县妇女发展规划(2021—2025年)' }).click();
    await page.getByText('妇女与健康').first().waitFor();
    await capture('plan');
    await page.goto(`${base}/units`);
    await page.locator('.ant-table-row').first().waitFor();
    await capture('units');
    await page.goto(`${base}/notices`);
    await page.getByRole('tab', { name: '通报' }).waitFor();
    // The outbox's statuses in words, not codes.
    await page.getByRole('tab', { name: '发件箱' }).click();
    await page.getByLabel('状态').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '发送失败' }).waitFor();
    await page.keyboard.press('Escape');
    // The checks see the page at rest: a closing list can still hold antd's unnamed listbox.
    await page.reload();
    await page.getByRole('tab', { name: '通报' }).waitFor();
    await capture('notices');
    await page.goto(`${base}/users`);
    await page.getByRole('cell', { name: 'test-office-admin' }).waitFor();
    await capture('users');
    // The audit log says what happened and to what, not the codes it keeps.
    await page.goto(`${base}/audit`);
    await page
      .getByRole('row')
      .filter({ hasText: 'test-office-admin' })
      .getByRole('cell', { name: '登录', exact: true })
      .first()
      .waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '导入规划' })
      .getByRole('cell', { name: /^规划 #\d+$/ })
      .first()
      .waitFor();
    await expect(page.getByRole('cell', { name: 'login', exact: true }).count()).resolves.toBe(0);
    await capture('audit');
  });

  it('office downloads the documents where their data is shown: the annual report, the circular, a late task’s notice', async () => {
    const save = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      return { name: download.suggestedFilename(), doc: await readDocx(readFileSync((await download.path())!)) };
    };
    await page.goto(`${base}/plans`);
    await page.getByRole('link', { name: '威宁自治县妇女发展规划(2021—2025年)' }).click();
    // The year picker starts at the last year (2023 on 2024-02-05, by the server's clock).
    await page.getByText('2023年', { exact: true }).first().waitFor();
    const annual = await save(() => page.getByText('下载年度工作报告（Word）').click());
    expect(annual.name).toMatch(/2023年度工作报告\.docx$/);
    expect(annual.doc.paragraphs[1]).toBe('《威宁自治县妇女发展规划(2021—2025年)》2023年度工作报告');

    await page.goto(`${base}/notices`);
    await page.getByRole('tab', { name: '通报' }).click();
    const circular = await save(() => page.getByText('下载通报（Word）').click());
    expect(circular.name).toBe('通报-2024-02-05.docx');
    expect(circular.doc.paragraphs[1]).toBe('关于成员单位规划任务逾期情况的通报');

    const late = (await t.http().get('/api/tasks?status=overdue&kind=implementation_plan&pageSize=1').expect(200)).body
      .items[0];
    await page.goto(`${base}/tasks/${late.id}`);
    const notice = await save(() => page.getByText('督办通知书').click());
    expect(notice.doc.paragraphs.slice(1, 4)).toEqual([
      '督办通知书',
      expect.stringMatching(/^〔2024〕第\d+号$/),
      `${late.unit.name}：`,
    ]);
  });

  it('unit liaison records progress, a value and an assessment, attaches a file, submits; the office returns it; the unit resubmits; the office accepts', async () => {
    await login(liaisonLogin, TEST_PASSWORD);
    await page.getByRole('heading', { name: /我的任务/ }).waitFor();
    await page
      .getByText(/逾期 \d+ 天/)
      .first()
      .waitFor();
    await capture('my-tasks');
    await page.goto(`${base}/tasks/${taskId}`);
    await page.getByText('目标任务').first().waitFor();
    // A task action's answer (submit, return, accept): waiting for it, not for words on the page,
    // since the history already says 已提交 from the first submission before the second has landed.
    // If no answer comes, the failure says what the page showed (a CI log is all there is to read).
    const acted = (action: string) =>
      page
        .waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/tasks/${taskId}/actions/${action}`),
        )
        .then(
          (r) => r.status(),
          async (error: Error) => {
            const shown = await page.locator('.ant-modal, .ant-message, .ant-alert').allInnerTexts();
            throw new Error(
              `no answer to ${action} at ${page.url()}; on screen: ${JSON.stringify(shown)}; ${error.message}`,
            );
          },
        );
    // Each save is a PATCH followed by the page reloading the task (new versions): wait for both
    // before the next edit, as a person would see the saved state before going on.
    const saving = (body: string) =>
      Promise.all([
        page.waitForResponse(
          (r) =>
            r.request().method() === 'PATCH' &&
            /\/items\/\d+$/.test(r.url()) &&
            (r.request().postData() ?? '').includes(body),
        ),
        page.waitForResponse((r) => r.request().method() === 'GET' && r.url().endsWith(`/api/tasks/${taskId}`)),
      ]).then(([patch]) => patch.status());
    await page.getByLabel('落实情况').first().fill('已完成年度监测数据收集。');
    let save = saving('已完成年度监测数据收集');
    await page.getByLabel('落实情况').first().blur();
    expect(await save).toBe(200);
    await page.getByText('已保存').first().waitFor();
    const value = page.getByLabel(`${indicatorName} 指标值`).first();
    await value.fill('12');
    save = saving('12');
    await value.blur();
    expect(await save).toBe(200);
    // A qualitative indicator: no number field, an assessment and what it rests on.
    await expect(page.getByLabel(`${qualitativeName} 指标值`).count()).resolves.toBe(0);
    await page.getByLabel(`${qualitativeName} 评估`, { exact: true }).first().click();
    save = saving('largely_met');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^基本达到$/ })
      .click();
    expect(await save).toBe(200);
    // The basis can be written once an assessment is saved (fill waits until the field is enabled).
    const basis = page.getByLabel(`${qualitativeName} 评估依据`).first();
    await basis.fill('全县完成妇女两癌筛查 2.1 万人');
    save = saving('两癌筛查');
    await basis.blur();
    expect(await save).toBe(200);
    const body = (await t.asLogin(liaisonLogin).get(`/api/tasks/${taskId}`).expect(200)).body as {
      items: Array<{ indicators: Array<{ name: string; assessment: string | null; note: string | null }> }>;
    };
    const stored = body.items.flatMap((x) => x.indicators).find((x) => x.name === qualitativeName);
    expect(stored).toMatchObject({ assessment: 'largely_met', note: '全县完成妇女两癌筛查 2.1 万人' });
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '监测数据.csv', mimeType: 'text/csv', buffer: Buffer.from('指标,值\n比例,12\n') });
    await page.getByRole('link', { name: '监测数据.csv' }).waitFor();
    await capture('task');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByText(/项目标未填写进展或情况说明|提交后由工委办公室审核/)
      .waitFor();
    let answer = acted('submit');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '提交' }).click();
    expect(await answer).toBe(200);
    await page.getByText('已提交').first().waitFor();

    // The review queue's row of this task (the tab asks for the queue; its row carries the buttons).
    const reviewRow = () => page.locator('.ant-table-row', { has: page.locator(`a[href="/tasks/${taskId}"]`) });
    // The ledger's first list (all tasks) is held until the review queue is on screen: when it comes
    // back late, it must not replace the queue under the 待审核 tab.
    const allTasks = /\/api\/tasks\?pageSize=20$/;
    let releaseAll: () => void = () => undefined;
    const allHeld = new Promise<void>((resolve) => (releaseAll = resolve));
    await page.route(allTasks, async (route) => {
      await allHeld;
      await route.continue();
    });
    await login('test-office-admin', TEST_PASSWORD, '/tasks');
    await page.getByRole('tab', { name: '待审核' }).click();
    await reviewRow().waitFor();
    const allAnswered = page.waitForResponse(allTasks);
    releaseAll();
    await (await allAnswered).finished();
    await page.unroute(allTasks);
    // Two frames for the app to take the late answer and render it, had it taken it.
    await page.evaluate(
      'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(undefined))))',
    );
    const queue = (await t.asLogin('test-office-admin').get('/api/tasks?state=submitted&pageSize=20').expect(200))
      .body as { total: number };
    await expect(page.locator('.ant-table-row').count()).resolves.toBe(queue.total);
    await reviewRow().getByRole('button', { name: '退回' }).click();
    // The reason is asked in the app's modal; its OK stays disabled until something is written.
    const ask = page.locator('.ant-modal-confirm');
    await expect(ask.getByRole('button', { name: '退回' }).isDisabled()).resolves.toBe(true);
    await ask.getByLabel('退回原因').fill('请补充指标数据来源');
    answer = acted('return');
    await ask.getByRole('button', { name: '退回' }).click();
    expect(await answer).toBe(200);
    await page.getByText('已退回').first().waitFor();

    await login(liaisonLogin, TEST_PASSWORD, `/tasks/${taskId}`);
    await page.getByText('工委办公室已退回').waitFor();
    await page.getByText('请补充指标数据来源').first().waitFor();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    answer = acted('submit');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '提交' }).click();
    expect(await answer).toBe(200);
    await page.getByText('已提交').first().waitFor();

    await login('test-office-admin', TEST_PASSWORD, '/tasks');
    await page.getByRole('tab', { name: '待审核' }).click();
    answer = acted('accept');
    await reviewRow().getByRole('button', { name: '办结' }).click();
    expect(await answer).toBe(200);
    await page.getByText('已办结').first().waitFor();
    // The office sees what the unit reported: on the task, and in the plan for that year.
    await page.goto(`${base}/tasks/${taskId}`);
    await page.getByText(`${qualitativeName}`).first().waitFor();
    await page.getByText('基本达到（全县完成妇女两癌筛查 2.1 万人）').first().waitFor();
    // The history names each step in the reader's language, not by its code.
    const history = page.locator('.ant-timeline');
    await history.getByText(/· 退回 → 已退回：请补充指标数据来源/).waitFor();
    await history.getByText(/· 办结 → 已办结/).waitFor();
    await expect(history.getByText(/· (return|accept|submit)\b/).count()).resolves.toBe(0);
    await page
      .getByTestId('indicator-report')
      .filter({ hasText: indicatorName })
      .filter({ hasText: /12/ })
      .first()
      .waitFor();
    const plans = await t.http().get('/api/plans?pageSize=10').expect(200);
    await page.goto(`${base}/plans/${plans.body.items[0].id}`);
    const area = page.getByRole('button', { name: new RegExp(`^${qualitativeArea.replace('.', '\\.')}`) });
    if ((await area.getAttribute('aria-expanded')) !== 'true') await area.click();
    await page
      .getByTestId('plan-indicator')
      .filter({ hasText: `${qualitativeName}：基本达到` })
      .first()
      .waitFor();
    const dash = await t.http().get('/api/supervision/dashboard').expect(200);
    expect(dash.body.overall.accepted).toBe(1);
    await page.goto(`${base}/`);
    await page
      .getByText(`${(Math.round(dash.body.overall.completionRate * 1000) / 10).toFixed(1)}%`)
      .first()
      .waitFor();
  });

  it('the link in a reminder e-mail opens its task, after login when needed', async () => {
    await t.http().post('/api/notifications/reminders/run').send({}).expect(200);
    const mail = await t.http().get('/api/mail?pageSize=50').expect(200);
    const withTask = mail.body.items.find((m: { taskIds?: number[] }) => m.taskIds?.length);
    const full = await t.http().get(`/api/mail/${withTask.id}`).expect(200);
    const link = /https?:\/\/[^\s"<>]+\/tasks\/(\d+)/.exec(full.body.text)!;
    expect(link).not.toBeNull();
    await context.clearCookies();
    await page.goto(`${base}/tasks/${link[1]}`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('登录名').fill('test-office-admin');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === `/tasks/${link[1]}`);
    await page.getByText('目标任务').first().waitFor();
    // The outbox tab counts what went out, as the service counts it.
    const { counts } = (await t.http().get('/api/mail/outbox/summary').expect(200)).body;
    expect(counts.queued + counts.sent).toBeGreaterThan(0);
    await page.goto(`${base}/notices`);
    const words = (Object.keys(OUTBOX_STATUS_LABELS) as Array<keyof typeof OUTBOX_STATUS_LABELS>)
      .filter((s) => counts[s] > 0)
      .map((s) => `${OUTBOX_STATUS_LABELS[s]['zh-CN']} ${counts[s]}`)
      .join(' · ');
    await expect(page.getByTestId('outbox-counts').textContent()).resolves.toBe(words);
  });

  it('long lists page instead of stopping at the first 200: the register, the ledger’s unit filter, my tasks', async () => {
    // The unit with the most tasks, for "my tasks".
    let busiest = { unitId: 0, total: 0 };
    for (const u of (await t.http().get('/api/units?pageSize=200').expect(200)).body.items) {
      const total = (await t.http().get(`/api/tasks?unitId=${u.id}&pageSize=1`).expect(200)).body.total;
      if (total > busiest.total) busiest = { unitId: u.id, total };
    }
    // 交办: ad hoc tasks take it past one page of 20, as years of a ten-year plan would.
    for (let i = busiest.total; i <= 20; i++)
      await t
        .http()
        .post('/api/tasks')
        .send({ unitId: busiest.unitId, title: `交办事项${i}`, dueOn: `2024-03-${String(i).padStart(2, '0')}` })
        .expect(201);
    busiest.total = Math.max(busiest.total, 21);
    const busyLogin = (await t.asUnit(busiest.unitId).get('/api/auth/me').expect(200)).body.user.login;

    // A register longer than one API page (the API answers at most 200 rows a request).
    for (let i = 0; i < 21; i++)
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          t
            .http()
            .post('/api/units')
            .send({ name: `长名录测试单位${String(i * 10 + j).padStart(3, '0')}`, kind: 'other' })
            .expect(201),
        ),
      );
    const names: string[] = [];
    for (let p = 1; ; p++) {
      const body = (await t.http().get(`/api/units?sort=name&pageSize=200&page=${p}`).expect(200)).body;
      names.push(...body.items.map((u: { name: string }) => u.name));
      if (names.length >= body.total) break;
    }
    expect(names.length).toBeGreaterThan(200);
    const last = names[names.length - 1];

    await page.goto(`${base}/units`);
    await page.getByText(`共 ${names.length} 条`).waitFor();
    await page.getByTitle(String(Math.ceil(names.length / 50)), { exact: true }).click();
    await page.getByRole('cell', { name: last, exact: true }).waitFor();

    await page.goto(`${base}/tasks`);
    await page.getByLabel('单位').first().click();
    await page.keyboard.type(last);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: last }).waitFor();
    await page.keyboard.press('Escape');

    const mine = (await t.asUnit(busiest.unitId).get('/api/tasks?sort=dueOn&pageSize=20&page=2').expect(200)).body;
    expect(mine.total).toBe(busiest.total);
    await login(busyLogin, TEST_PASSWORD);
    await page.getByRole('heading', { name: /我的任务/ }).waitFor();
    await page.getByText('全部', { exact: true }).click();
    await page.getByText(`共 ${mine.total} 项`).waitFor();
    await page.getByTitle('2', { exact: true }).click();
    await page
      .getByRole('listitem')
      .first()
      .getByRole('link', { name: taskHeading(mine.items[0]), exact: true })
      .waitFor();
  });

  it('main pages have no serious or critical accessibility violations (axe-core)', () => {
    expect(checked).toEqual([
      'login',
      'import',
      'import-preview',
      'tasks',
      'dashboard',
      'plan',
      'units',
      'notices',
      'users',
      'audit',
      'my-tasks',
      'task',
    ]);
    expect(violations).toEqual([]);
  });
});
