/** A browser-like session against a running service (spawned dist/main.js): cookie + CSRF token. */
export interface Session {
  get: (path: string) => Promise<Response>;
  send: (method: string, path: string, body?: unknown) => Promise<Response>;
  csrfToken: string;
  user: { id: number; role: string; unitId: number | null };
}

export async function login(base: string, loginName: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, password }),
  });
  if (res.status !== 200) throw new Error(`login ${loginName}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const body = (await res.json()) as { csrfToken: string; user: Session['user'] };
  return {
    csrfToken: body.csrfToken,
    user: body.user,
    get: (path) => fetch(`${base}${path}`, { headers: { cookie } }),
    send: (method, path, payload) =>
      fetch(`${base}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' },
        body: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
      }),
  };
}
