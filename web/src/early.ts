/**
 * The page's entry, small: starts the session check, the app's bundle, the shell's chunk and, for
 * the office's dashboard, its chunk and data, all at once instead of one after the other (see
 * lib/early.ts). Vite preloads each dynamic import's chunks in parallel.
 */
import 'antd/dist/antd.css';
import { earlyCache, startEarly } from './lib/early.js';
import { initialLocale, LOCALE_KEY } from './lib/i18n.js';
import { dashboardChartWidths } from './lib/layout.js';

const path = location.pathname;
if (!/^\/(login|reset-password)(\/|$)/.test(path)) {
  void startEarly(
    earlyCache,
    path,
    initialLocale(localStorage.getItem(LOCALE_KEY), navigator.languages ?? []),
    () => void import('./pages/DashboardPage.js'),
    dashboardChartWidths(window.innerWidth, document.documentElement.clientWidth),
  );
  void import('./Shell.js');
}
void import('./main.js');
