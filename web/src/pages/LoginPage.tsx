import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { ApiError, safeNext } from '../api/client.js';
import type { Session } from '../api/types.js';
import { useApp } from '../app-context.js';

/** The first page most people see; kept free of charts and tables so it loads fast. */
export function LoginPage() {
  const { api, t, setSession, locale, setLocale } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const [sent, setSent] = useState(false);

  async function login(values: { login: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/auth/login', values, { noRedirect: true });
      setSession(session);
      if (session.user.locale) setLocale(session.user.locale);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'LOGIN_LOCKED')
        setError(t('locked', { s: Number(e.details?.retryAfterSeconds ?? 60) }));
      else if (e instanceof ApiError && e.status === 401) setError(t('loginFailed'));
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function requestReset(values: { login: string }) {
    setBusy(true);
    try {
      await api.post('/auth/password-reset/request', values, { noRedirect: true });
      setSent(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('appName')}
          </Typography.Title>
          <Segmented
            size="small"
            aria-label={t('language')}
            value={locale}
            onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </div>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        {!forgot ? (
          <Form layout="vertical" onFinish={login} requiredMark={false}>
            <Form.Item name="login" label={t('loginName')} rules={[{ required: true }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login')}
            </Button>
            <Button
              type="link"
              onClick={() => {
                setForgot(true);
                setError(null);
              }}
              style={{ paddingLeft: 0, marginTop: 8 }}
            >
              {t('forgot')}
            </Button>
          </Form>
        ) : sent ? (
          <Alert type="success" title={t('resetSent')} showIcon />
        ) : (
          <Form layout="vertical" onFinish={requestReset} requiredMark={false}>
            <Form.Item name="login" label={t('loginName')} rules={[{ required: true }]}>
              <Input autoComplete="username" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('resetRequest')}
            </Button>
            <Button type="link" onClick={() => setForgot(false)} style={{ paddingLeft: 0, marginTop: 8 }}>
              {t('login')}
            </Button>
          </Form>
        )}
      </Card>
    </main>
  );
}
