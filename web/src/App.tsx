import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { ApiError, createClient, loginPath } from './api/client.js';
import type { DutiesMeta, Locale, Session } from './api/types.js';
import { initialLocale, LOCALE_KEY, translate, type MessageKey } from './lib/i18n.js';
import { earlyCache } from './lib/early.js';
import { AppContext, type AppState } from './app-context.js';
import { LoginPage } from './pages/LoginPage.js';

type AppModal = ReturnType<typeof AntApp.useApp>['modal'];

// web/src/early.ts has already started the session check, this chunk and the dashboard's (lib/early.ts).
const Shell = lazy(() => import('./Shell.js'));
const ResetPasswordPage = lazy(() => import('./pages/ResetPasswordPage.js'));

// Darker secondary and placeholder text than antd's defaults: WCAG AA contrast (axe) on white and grey.
const THEME = {
  // antd's styles come from its static stylesheet (imported by early.ts), not generated at run time.
  zeroRuntime: true,
  token: {
    colorPrimary: '#a1284d',
    fontFamily: 'inherit',
    colorTextSecondary: 'rgba(0,0,0,0.66)',
    colorTextTertiary: 'rgba(0,0,0,0.62)',
    colorTextDescription: 'rgba(0,0,0,0.66)',
    colorTextPlaceholder: 'rgba(0,0,0,0.6)',
    colorTextQuaternary: 'rgba(0,0,0,0.6)',
    colorLink: '#0047a3',
    colorError: '#b8141f',
  },
};

export function App() {
  const navigate = useNavigate();
  const location = useLocation();
  const [locale, setLocaleState] = useState<Locale>(() =>
    initialLocale(localStorage.getItem(LOCALE_KEY), navigator.languages ?? []),
  );
  const [session, setSession] = useState<Session | null>(null);
  const [checked, setChecked] = useState(false);
  const [meta, setMeta] = useState<DutiesMeta | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const conflictOpen = useRef(false);
  // The app's modal (locale, theme) for the 409 notice; set by ModalBridge inside <AntApp>.
  const modal = useRef<AppModal | null>(null);

  const api = useMemo(
    () =>
      createClient(
        {
          csrfToken: () => sessionRef.current?.csrfToken ?? null,
          locale: () => localeRef.current,
          currentPath: () => window.location.pathname + window.location.search,
          onUnauthorized: (next) => {
            setSession(null);
            navigate(loginPath(next), { replace: true });
          },
          onConflict: () => {
            if (conflictOpen.current || !modal.current) return;
            conflictOpen.current = true;
            modal.current.warning({
              title: translate(localeRef.current, 'conflict'),
              okText: translate(localeRef.current, 'reload'),
              onOk: () => window.location.reload(),
              afterClose: () => (conflictOpen.current = false),
            });
          },
        },
        (url, init) => earlyCache.take(String(url), init) ?? fetch(url, init),
      ),
    [navigate],
  );

  const refreshSession = useCallback(async () => {
    try {
      const s = await api.get<Session>('/auth/me', undefined, { noRedirect: true });
      setSession(s);
      return s;
    } catch (error) {
      setSession(null);
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      return null;
    } finally {
      setChecked(true);
    }
  }, [api]);

  useEffect(() => {
    refreshSession().catch(() => undefined);
  }, [refreshSession]);

  useEffect(() => {
    if (session?.user.locale && session.user.locale !== locale) {
      // The account's language from now on, also for the request below (the client reads the ref)
      // and the next page load (its early requests read localStorage).
      localeRef.current = session.user.locale;
      localStorage.setItem(LOCALE_KEY, session.user.locale);
      setLocaleState(session.user.locale);
    }
    if (session) api.get<DutiesMeta>('/duties/meta').then(setMeta, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, api]);

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      localStorage.setItem(LOCALE_KEY, next);
      document.documentElement.lang = next;
      if (sessionRef.current) api.patch('/auth/me', { locale: next }).catch(() => undefined);
    },
    [api],
  );

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const role = session?.user.role;
  const state: AppState = {
    api,
    session,
    setSession,
    refreshSession,
    locale,
    setLocale,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars),
    meta,
    isOffice: !!role && role !== 'unit_liaison',
    canWrite: role === 'office_admin' || role === 'office_staff',
  };

  const path = location.pathname;
  const publicPage = path === '/login' || path === '/reset-password';
  let body;
  if (!checked) body = <Spin fullscreen />;
  else if (publicPage)
    body = (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/reset-password"
          element={
            <Suspense fallback={<Spin fullscreen />}>
              <ResetPasswordPage />
            </Suspense>
          }
        />
      </Routes>
    );
  else if (!session) body = <Navigate to={loginPath(path + location.search)} replace />;
  else
    body = (
      <Suspense fallback={<Spin fullscreen />}>
        <Shell />
      </Suspense>
    );

  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ModalBridge target={modal} />
        <AppContext.Provider value={state}>{body}</AppContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Hands the context-aware modal of <AntApp> to code outside React's tree (the API client's 409 hook). */
function ModalBridge({ target }: { target: { current: AppModal | null } }) {
  target.current = AntApp.useApp().modal;
  return null;
}
