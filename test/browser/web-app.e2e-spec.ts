/**
 * The web app in a real browser (Debian's Chromium driven by playwright-core): the office imports
 * the Weining plan with a preview, generates duties, sees them in the ledger and on the dashboard;
 * every main page is screenshotted at 1366×768 and 390 px (test-artifacts/screenshots/) and
 * checked with axe-core (no serious or critical violations). Runs on SQLite: the engines are
 * covered by the API suites; this one is about the browser.
 * Without /usr/bin/chromium it is skipped with a message, except in CI where it fails.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import * as axeModule from '@axe-core/playwright';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { WEB_APP_DIR } from '../../src/web/serve-web-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';
const FIXTURE = fileURLToPath(new URL('../fixtures/weining-notice-and-women-plan-2021-2025.txt', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
type AxeBuilderType = typeof import('@axe-core/playwright').default;
const AxeBuilder: AxeBuilderType = ((axeModule as unknown as { default: AxeBuilderType | { default: AxeBuilderType } }).default as { default?: AxeBuilderType }).default
  ?? ((axeModule as unknown as { default: AxeBuilderType }).default);

const available = existsSync(CHROMIUM);
if (!available && !CI) {
  // eslint-disable-next-line no-console
  console.warn(`Browser tests SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium). In CI they are mandatory.`);
}
const suite = available || CI ? describe : describe.skip;

jest.setTimeout(240_000);

suite('web app in Chromium', () => {
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM)).toBe(true); // CI: the browser must be there (.ci/run installs it)
    expect(existsSync(join(WEB_APP_DIR, 'index.html'))).toBe(true); // `node scripts/build.mjs` builds the app
    // 2024-02-05: the plan's 2023 implementation plans are overdue, the annual reports due soon.
    t = await createTestApp('sqlite', {}, { clock: new FixedClock('2024-02-05T09:00:00+08:00') });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'luoshi-chromium-'));
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** No serious or critical axe violations; the list names them when there are. */
  async function expectAccessible(name: string): Promise<void> {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(bad).toEqual([]);
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
    expect((await api.json()).code).toBe('NOT_FOUND');
  });

  it('office: import the Weining plan with a preview, generate duties, see them in the ledger and on the dashboard', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: /工作台/ }).waitFor();
    await page.getByText('还没有任务：请先导入规划，再生成任务。').waitFor();
    await capture('dashboard-empty');

    await page.getByRole('link', { name: '导入规划' }).first().click();
    await page.getByText('点击或拖入规划文件').waitFor();
    await capture('import');
    await page.locator('input[type=file]').setInputFiles(FIXTURE);
    // The preview: the plan, warnings with their line numbers, the units found in the text.
    await page.getByText('威宁自治县妇女发展规划(2021—2025年)').first().waitFor();
    await page.getByRole('cell', { name: '143' }).first().waitFor(); // NO_LEAD on line 143
    await page.getByText('没有牵头单位').first().waitFor();
    await capture('import-preview');
    await page.getByRole('button', { name: /新建为单位/ }).click();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '生成任务' }).click();
    const generated = await page.getByText(/已生成 \d+ 项任务/).textContent();
    expect(generated).toContain('已生成 212 项任务');

    await page.getByRole('link', { name: '查看督办台账' }).click();
    await page.getByText('共青团自治县委').first().waitFor();
    await capture('tasks');

    await page.getByRole('link', { name: '实施方案' }).first().click();
    await page.getByText('目标任务').first().waitFor();
    await page.getByText(/逾期 \d+ 天/).first().waitFor();
    await capture('task');

    await page.goto(`${base}/`);
    await page.locator('[data-testid=chart] svg').first().waitFor();
    expect(await page.locator('[data-testid=chart]').count()).toBe(2);
    await page.getByText(/逾期任务（\d+）/).waitFor();
    await capture('dashboard');
  });

  it('other office pages render with content and pass the checks', async () => {
    await page.goto(`${base}/plans`);
    await page.getByRole('link', { name: '威宁自治县妇女发展规划(2021—2025年)' }).click();
    await page.getByText('妇女与健康').first().waitFor();
    await capture('plan');
    await page.goto(`${base}/units`);
    await page.getByRole('cell', { name: '共青团自治县委', exact: true }).waitFor();
    await capture('units');
    await page.goto(`${base}/notices`);
    await page.getByRole('tab', { name: '通报' }).waitFor();
    await capture('notices');
  });

  it('an e-mail link opens its task directly', async () => {
    await page.goto(`${base}/tasks/1`);
    await page.getByText('目标任务').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/tasks/1');
  });
});
