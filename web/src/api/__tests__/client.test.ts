import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl, createClient, loginPath, safeNext, type ClientHooks } from '../client.js';

interface Call {
  url: string;
  init: RequestInit;
}

function setup(responses: Array<Response>, overrides: Partial<ClientHooks> = {}) {
  const calls: Call[] = [];
  const events: string[] = [];
  const hooks: ClientHooks = {
    csrfToken: () => 'csrf-123',
    locale: () => 'en',
    currentPath: () => '/tasks/7?tab=items',
    onUnauthorized: (next) => events.push(`401:${next}`),
    onConflict: (e) => events.push(`409:${e.code}`),
    ...overrides,
  };
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return responses.shift()!;
  }) as unknown as typeof fetch;
  return { client: createClient(hooks, fetchImpl), calls, events };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('fetch wrapper', () => {
  it('sends the cookie, the language and no CSRF token on reads', async () => {
    const { client, calls } = setup([json(200, { items: [] })]);
    expect(await client.get('/tasks', { planId: 2, q: '', status: undefined })).toEqual({ items: [] });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/tasks?planId=2');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(calls[0].init.method).toBe('GET');
    expect((calls[0].init.headers as Record<string, string>)['Accept-Language']).toBe('en');
    expect((calls[0].init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('sends the CSRF token and a JSON body on writes', async () => {
    const { client, calls } = setup([json(200, { id: 1 })]);
    await client.patch('/units/1', { name: '妇联', version: 3 });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(calls[0].init.method).toBe('PATCH');
    expect(headers['X-CSRF-Token']).toBe('csrf-123');
    expect(headers['Content-Type']).toBe('application/json');
    expect(calls[0].init.body).toBe('{"name":"妇联","version":3}');
  });

  it('leaves FormData bodies to the browser (multipart boundary)', async () => {
    const { client, calls } = setup([json(200, {})]);
    const form = new FormData();
    form.append('file', new Blob(['x']), 'plan.txt');
    await client.post('/imports/preview', form);
    expect(calls[0].init.body).toBe(form);
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('answers undefined for 204', async () => {
    const { client } = setup([new Response(null, { status: 204 })]);
    expect(await client.del('/tokens/4')).toBeUndefined();
  });

  it('on 401 sends the user to login with the current path, and throws', async () => {
    const { client, events } = setup([json(401, { status: 401, code: 'UNAUTHENTICATED', message: 'log in' })]);
    await expect(client.get('/tasks/7')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(events).toEqual(['401:/tasks/7?tab=items']);
  });

  it('does not redirect on 401 when asked not to (login form, session probe)', async () => {
    const { client, events } = setup([json(401, { status: 401, code: 'INVALID_CREDENTIALS', message: 'no' })]);
    await expect(client.post('/auth/login', { login: 'a', password: 'b' }, { noRedirect: true })).rejects.toMatchObject(
      { code: 'INVALID_CREDENTIALS' },
    );
    expect(events).toEqual([]);
  });

  it('reports a version conflict once and throws it', async () => {
    const { client, events } = setup([
      json(409, { status: 409, code: 'VERSION_CONFLICT', message: 'stale', details: { currentVersion: 4 } }),
    ]);
    await expect(client.patch('/units/1', { version: 3 })).rejects.toBeInstanceOf(ApiError);
    expect(events).toEqual(['409:VERSION_CONFLICT']);
  });

  it('does not treat other 409s as version conflicts', async () => {
    const { client, events } = setup([json(409, { status: 409, code: 'INVALID_TRANSITION', message: 'no' })]);
    await expect(client.post('/tasks/1/actions/accept', { version: 1 })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'no',
    });
    expect(events).toEqual([]);
  });

  it('exposes the per-field problems of a validation error', async () => {
    const { client } = setup([
      json(400, {
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'invalid request: kind, liaisons[0].email',
        details: {
          fields: [
            { field: 'kind', problems: ['a', 'b'] },
            { field: 'liaisons[0].email', problems: ['must be an email'] },
          ],
        },
      }),
    ]);
    const error = await client.post('/units', {}).catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual({ kind: 'a; b', 'liaisons[0].email': 'must be an email' });
  });

  it('gives a message in the UI language when the answer is not JSON', async () => {
    const { client } = setup([new Response('<html>bad gateway</html>', { status: 502 })], { locale: () => 'zh-CN' });
    await expect(client.get('/health')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: '请求失败（502）',
    });
  });
});

describe('urls', () => {
  it('prefixes /api and repeats array parameters', () => {
    expect(buildUrl('tasks', { unitIds: [1, 2], open: true })).toBe('/api/tasks?unitIds=1&unitIds=2&open=true');
    expect(buildUrl('/api/health')).toBe('/api/health');
  });
  it('builds the login path with next, except for / and login itself', () => {
    expect(loginPath('/tasks/123')).toBe('/login?next=%2Ftasks%2F123');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/login?next=%2F')).toBe('/login');
  });
  it('follows only same-site paths after login', () => {
    expect(safeNext('/tasks/5')).toBe('/tasks/5');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
