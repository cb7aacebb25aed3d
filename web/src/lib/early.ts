import type { Locale } from '../api/types.js';
import { buildUrl, type RequestOptions } from '../api/client.js';
import type { ChartWidths } from './layout.js';

type ChartPx = (typeof import('../../../src/supervision/supervision.dto.js'))['CHART_PX'];

/**
 * A cold first load used to be a waterfall: the app's bundle, then the session check, then the
 * shell's and the page's chunks, then the page's API calls one round after the other. early.ts (a
 * tiny entry of its own, run before the big bundle has arrived) starts all of it at once; the API
 * client then takes each answer from here instead of asking again (once, same URL and language).
 */

/** What the dashboard asks for on load, in the form DashboardPage passes to the client. */
export const DASHBOARD_LOAD = {
  plans: ['/plans', { pageSize: 200 }],
  dashboard: ['/supervision/dashboard', {}],
  ranking: ['/supervision/ranking', {}],
  overdue: ['/tasks', { status: 'overdue', sort: 'dueOn', pageSize: 20 }],
  outbox: ['/mail/outbox/summary', {}],
  noticeWarnings: ['/notifications/warnings', {}],
} as const satisfies Record<string, readonly [string, RequestOptions['query']]>;

/** The narrowest chart the service draws (its CHART_PX.min): a box narrower than that, or absent, is not asked for. */
const MIN_CHART_WIDTH: ChartPx['min'] = 80;

/** The dashboard's charts, drawn by the server at its boxes' widths (DashboardPage asks the same way). */
export function dashboardChartsQuery(widths: ChartWidths, planId?: number): RequestOptions['query'] {
  const width = (w: number) => (w >= MIN_CHART_WIDTH ? w : undefined);
  return { planId, statusWidth: width(widths.status), rankingWidth: width(widths.ranking) };
}
export const DASHBOARD_CHARTS = '/supervision/dashboard/charts';

interface Early {
  locale: string;
  response: Promise<Response>;
  /** When the request was started (the cache's clock, ms). */
  startedAt: number;
}

/**
 * An early answer older than this is dropped, not taken: if the page did not ask soon (the shell sent
 * the user to /change-password, or they went elsewhere first), it would later show stale data as fresh.
 */
export const EARLY_MAX_AGE_MS = 10_000;

export function createEarlyCache(fetchImpl: typeof fetch, now: () => number = () => Date.now()) {
  const pending = new Map<string, Early>();
  return {
    /** Starts a GET as the API client would send it. */
    prefetch(path: string, query: RequestOptions['query'], locale: Locale): Promise<Response> {
      const url = buildUrl(path, query);
      const response = fetchImpl(url, {
        method: 'GET',
        headers: { Accept: 'application/json', 'Accept-Language': locale },
        credentials: 'same-origin',
      });
      pending.set(url, { locale, response, startedAt: now() });
      response.catch(() => pending.delete(url)); // a network error: the client asks again itself
      return response;
    },
    /** The early answer to this request, once; undefined for anything else (writes, another language, too old). */
    take(url: string, init?: RequestInit): Promise<Response> | undefined {
      const early = pending.get(url);
      if (!early) return undefined;
      pending.delete(url);
      if (now() - early.startedAt > EARLY_MAX_AGE_MS) return undefined;
      const method = (init?.method ?? 'GET').toUpperCase();
      const locale = (init?.headers as Record<string, string> | undefined)?.['Accept-Language'];
      return method === 'GET' && (locale === undefined || locale === early.locale) ? early.response : undefined;
    },
    size: () => pending.size,
  };
}

export type EarlyCache = ReturnType<typeof createEarlyCache>;

interface SessionAnswer {
  user?: { role?: string; locale?: Locale };
}

/**
 * Starts what the page at `path` will need: the session check for every app page; once it says who
 * is there, the duties' labels and, for the office on the dashboard, the dashboard's data (and
 * onDashboard, which loads its code: a liaison's phone never downloads the charts).
 * Returns the promise of that second round (tests wait for it).
 */
export function startEarly(
  cache: EarlyCache,
  path: string,
  locale: Locale,
  onDashboard: () => void = () => undefined,
  chartWidths?: ChartWidths,
): Promise<void> {
  if (/^\/(login|reset-password)(\/|$)/.test(path)) return Promise.resolve();
  const me = cache.prefetch('/auth/me', undefined, locale);
  return me
    .then(async (answer) => {
      if (!answer.ok) return; // not logged in: the app goes to the login page
      const session = (await answer.clone().json()) as SessionAnswer;
      // The app switches to the user's language before it asks for anything else.
      const lang = session.user?.locale === 'en' || session.user?.locale === 'zh-CN' ? session.user.locale : locale;
      cache.prefetch('/duties/meta', undefined, lang);
      if (path === '/' && session.user?.role && session.user.role !== 'unit_liaison') {
        for (const [p, q] of Object.values(DASHBOARD_LOAD)) cache.prefetch(p, q, lang);
        // At the widths the boxes will have (lib/layout.ts); if the page lays them out otherwise, it
        // asks again at its own widths and this answer goes unused.
        if (chartWidths) cache.prefetch(DASHBOARD_CHARTS, dashboardChartsQuery(chartWidths), lang);
        onDashboard();
      }
    })
    .catch(() => undefined);
}

/** The page's cache: filled by early.ts, read by the app's API client. */
export const earlyCache = createEarlyCache((...args) => fetch(...args));
