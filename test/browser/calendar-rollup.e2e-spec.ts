/**
 * The 日历订阅 and 下级工委汇总 pages in Chromium (see web-app.e2e-spec.ts for the set-up): the
 * office makes its feed address, copies it from the page, the address serves the calendar; a
 * reset (confirmed in a dialog) stops the old address. A city office sees its county on the
 * roll-up page with the chart. Screenshots in test-artifacts/screenshots/, axe checked.
 */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { AxeBuilder, browserSuite, launchChromium, SHOTS, type Browser } from '../helpers/chromium.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';
import { events, parseIcs } from '../helpers/ical-parser.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { WEB_APP_DIR } from '../../src/web/serve-web-app.js';

jest.setTimeout(240_000);

browserSuite('calendar feed and roll-up pages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let browser: Browser | undefined;

  beforeAll(async () => {
    expect(existsSync(join(WEB_APP_DIR, 'index.html'))).toBe(true);
    t = await createTestApp('sqlite', {}, { clock: new FixedClock('2024-02-05T09:00:00+08:00') });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // The installation's committee is a county of a city; the city's office has a user.
    const county = (await t.http().get('/api/auth/me')).body.user.committeeId;
    const city = (
      await t
        .http()
        .post('/api/committees')
        .send({ name: '毕节市妇女儿童工作委员会', level: 'city', timeZone: 'Asia/Shanghai' })
        .expect(201)
    ).body.id;
    const c = (await t.http().get(`/api/committees/${county}`)).body;
    await t.http().patch(`/api/committees/${county}`).send({ version: c.version, parentId: city }).expect(200);
    const unit = (await t.http().post('/api/units').send({ name: '自治县卫生健康局', kind: 'government' }).expect(201))
      .body.id;
    await t.http().post('/api/tasks').send({ unitId: unit, title: '报送整改情况', dueOn: '2024-01-31' }).expect(201);
    await t.http().post('/api/tasks').send({ unitId: unit, title: '报送年度数据', dueOn: '2024-03-31' }).expect(201);
    const accounts = t.app.get(AccountsService);
    const cityUser = await accounts.create(city, {
      login: 'city-office',
      displayName: '市妇儿工委办公室',
      role: 'viewer',
    });
    await accounts.setPassword(cityUser.id, TEST_PASSWORD, false);
    browser = await launchChromium();
    ({ context, page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function login(login: string, next: string): Promise<void> {
    await context.clearCookies();
    await page.goto(`${base}${next}`);
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === next);
  }
  async function accessible(name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}-1366.png`) });
    const result = await new AxeBuilder({ page }).exclude('.ant-table-measure-row').analyze();
    expect(
      result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    ).toEqual([]);
  }

  it('日历订阅: makes the address, shows it once, and a confirmed reset stops the old one', async () => {
    await login('test-office-admin', '/calendar');
    await page.getByRole('button', { name: '生成订阅地址' }).click();
    const first = (await page.getByTestId('feed-url').textContent())!.trim();
    expect(first).toMatch(/\/api\/calendar\/feed\/lcf_[\w-]{43}\.ics$/);
    const feed = await fetch(`${base}${new URL(first).pathname}`);
    expect(feed.status).toBe(200);
    expect(events(parseIcs(await feed.text()))).toHaveLength(2);
    await accessible('calendar');
    await page.getByRole('button', { name: '重置地址' }).click();
    await page.getByText('当前地址将立即失效').waitFor();
    await page
      .getByRole('button', { name: '重 置' })
      .or(page.getByRole('button', { name: '重置', exact: true }))
      .last()
      .click();
    // The page shows the new address once the reset's POST has answered.
    const renewed = page.getByTestId('feed-url').filter({ hasNotText: first });
    await renewed.waitFor();
    const second = (await renewed.textContent())!.trim();
    expect(second).toMatch(/\/api\/calendar\/feed\/lcf_[\w-]{43}\.ics$/);
    expect(second).not.toBe(first);
    expect((await fetch(`${base}${new URL(first).pathname}`)).status).toBe(404);
    expect((await fetch(`${base}${new URL(second).pathname}`)).status).toBe(200);
  });

  it('下级工委汇总: the city sees its county with its figures and the chart', async () => {
    await login('city-office', '/rollup');
    const row = page.locator('tr', { hasText: (await t.http().get('/api/committees/default')).body.name });
    await row.waitFor();
    await expect(row.locator('td').nth(6).textContent()).resolves.toBe('1');
    await page.getByTestId('chart').waitFor();
    await accessible('rollup');
  });
});
