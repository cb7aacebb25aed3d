import { describe, expect, it } from 'vitest';
import { buildUrl, createClient } from '../../api/client.js';
import {
  createEarlyCache,
  DASHBOARD_CHARTS,
  DASHBOARD_LOAD,
  dashboardChartsQuery,
  EARLY_MAX_AGE_MS,
  startEarly,
} from '../early.js';
import { dashboardChartWidths } from '../layout.js';

/** A fake service: answers by path, records what was asked with which language. */
function service(me: { status: number; body?: unknown }) {
  const asked: Array<{ url: string; lang: string }> = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = String(url);
    asked.push({ url: u, lang: (init?.headers as Record<string, string>)['Accept-Language'] ?? '' });
    if (u === '/api/auth/me')
      return new Response(JSON.stringify(me.body ?? { code: 'UNAUTHENTICATED' }), {
        status: me.status,
        headers: { 'content-type': 'application/json' },
      });
    return new Response(JSON.stringify({ url: u }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { asked, fetchImpl };
}

const office = { user: { role: 'office_admin', locale: 'zh-CN' }, csrfToken: 'x' };

describe('early requests', () => {
  it('starts the session check, then the labels and the dashboard data for the office on /', async () => {
    const s = service({ status: 200, body: office });
    const cache = createEarlyCache(s.fetchImpl);
    let dashboardCode = 0;
    await startEarly(cache, '/', 'zh-CN', () => (dashboardCode += 1));
    expect(s.asked.map((a) => a.url)).toEqual([
      '/api/auth/me',
      '/api/duties/meta',
      '/api/plans?pageSize=200',
      '/api/supervision/dashboard',
      '/api/supervision/ranking',
      '/api/tasks?status=overdue&sort=dueOn&pageSize=20',
      '/api/mail/outbox/summary',
      '/api/notifications/warnings',
    ]);
    expect(dashboardCode).toBe(1);
    expect(cache.size()).toBe(8);
  });

  it("also asks for the dashboard's charts when it knows the widths their boxes will have", async () => {
    const s = service({ status: 200, body: office });
    const cache = createEarlyCache(s.fetchImpl);
    await startEarly(cache, '/', 'zh-CN', undefined, dashboardChartWidths(1366, 1366));
    expect(s.asked.at(-1)?.url).toBe('/api/supervision/dashboard/charts?statusWidth=344&rankingWidth=726');
    // The page asks in the same form at the widths it measured: the same URL takes the early answer.
    const url = buildUrl(DASHBOARD_CHARTS, dashboardChartsQuery({ status: 344, ranking: 726 }, undefined));
    expect(cache.take(url)).toBeDefined();
    expect(buildUrl(DASHBOARD_CHARTS, dashboardChartsQuery({ status: 344, ranking: 726 }, 3))).toBe(
      '/api/supervision/dashboard/charts?planId=3&statusWidth=344&rankingWidth=726',
    );
    // No ranking box (no unit yet), or one too narrow to draw: that chart is not asked for.
    expect(buildUrl(DASHBOARD_CHARTS, dashboardChartsQuery({ status: 344, ranking: 0 }))).toBe(
      '/api/supervision/dashboard/charts?statusWidth=344',
    );
    expect(buildUrl(DASHBOARD_CHARTS, dashboardChartsQuery({ status: 79, ranking: 80 }))).toBe(
      '/api/supervision/dashboard/charts?rankingWidth=80',
    );
  });

  it('asks nothing more for a liaison, another page, a visitor, or on the login page', async () => {
    const liaison = service({ status: 200, body: { user: { role: 'unit_liaison', locale: 'zh-CN' } } });
    let dashboardCode = 0;
    await startEarly(createEarlyCache(liaison.fetchImpl), '/', 'zh-CN', () => (dashboardCode += 1));
    expect(liaison.asked.map((a) => a.url)).toEqual(['/api/auth/me', '/api/duties/meta']);
    const task = service({ status: 200, body: office });
    await startEarly(createEarlyCache(task.fetchImpl), '/tasks/12', 'zh-CN', () => (dashboardCode += 1));
    expect(task.asked.map((a) => a.url)).toEqual(['/api/auth/me', '/api/duties/meta']);
    const visitor = service({ status: 401 });
    await startEarly(createEarlyCache(visitor.fetchImpl), '/', 'zh-CN', () => (dashboardCode += 1));
    expect(visitor.asked.map((a) => a.url)).toEqual(['/api/auth/me']);
    const login = service({ status: 401 });
    await startEarly(createEarlyCache(login.fetchImpl), '/login', 'zh-CN');
    expect(login.asked).toEqual([]);
    expect(dashboardCode).toBe(0);
  });

  it('asks in the language of the user once the session says it', async () => {
    const s = service({ status: 200, body: { user: { role: 'viewer', locale: 'en' } } });
    await startEarly(createEarlyCache(s.fetchImpl), '/', 'zh-CN');
    expect(s.asked[0]!.lang).toBe('zh-CN');
    expect(new Set(s.asked.slice(1).map((a) => a.lang))).toEqual(new Set(['en']));
  });

  it('hands each early answer to the API client once, for the same URL and language only', async () => {
    const s = service({ status: 200, body: office });
    const cache = createEarlyCache(s.fetchImpl);
    await startEarly(cache, '/', 'zh-CN');
    const before = s.asked.length;
    const client = createClient(
      {
        csrfToken: () => null,
        locale: () => 'zh-CN',
        onUnauthorized: () => undefined,
        onConflict: () => undefined,
        currentPath: () => '/',
      },
      (url, init) => cache.take(String(url), init) ?? s.fetchImpl(url, init),
    );
    await expect(client.get('/auth/me')).resolves.toEqual(office);
    await expect(client.get(...DASHBOARD_LOAD.overdue)).resolves.toEqual({
      url: '/api/tasks?status=overdue&sort=dueOn&pageSize=20',
    });
    expect(s.asked.length).toBe(before); // both answered from the cache
    await client.get(...DASHBOARD_LOAD.overdue); // a second time: asked again
    expect(s.asked.length).toBe(before + 1);
    expect(
      cache.take('/api/plans?pageSize=200', { method: 'GET', headers: { 'Accept-Language': 'en' } }),
    ).toBeUndefined(); // another language
    expect(cache.take('/api/plans?pageSize=200')).toBeUndefined(); // and it is gone
    expect(cache.take('/api/supervision/ranking', { method: 'POST' })).toBeUndefined();
  });

  it('drops an early answer older than 10 s instead of handing it out, and takes a younger one', async () => {
    const s = service({ status: 200, body: office });
    let clock = 1_000_000;
    const cache = createEarlyCache(s.fetchImpl, () => clock);
    cache.prefetch('/supervision/dashboard', {}, 'zh-CN');
    cache.prefetch('/supervision/ranking', {}, 'zh-CN');
    expect(EARLY_MAX_AGE_MS).toBe(10_000);
    clock += 9_999;
    const young = cache.take('/api/supervision/dashboard');
    expect(young).toBeDefined();
    await expect(young!.then((r) => r.json())).resolves.toEqual({ url: '/api/supervision/dashboard' });
    clock += 2; // the other one is now 10.001 s old
    expect(cache.take('/api/supervision/ranking')).toBeUndefined();
    expect(cache.size()).toBe(0); // and it is gone
  });
});
