import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type HttpClient, type TestApp } from '../helpers/test-app.js';
import { declaredRoutes, type DeclaredRoute } from '../../src/access/route-declarations.js';
import { ROLES, roleHas, type Role } from '../../src/access/permissions.js';

/**
 * Every route of the application (read from the app's own route table) × every role and no
 * login: denied or let through exactly as the route declares. A route added without a
 * declaration fails here (and the service refuses to start).
 */
describeEachEngine('access: every route × every role', (engine) => {
  let t: TestApp;
  let routes: DeclaredRoute[];
  let unitId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    routes = declaredRoutes(t.app.get(DiscoveryService), t.app.get(MetadataScanner), t.app.get(Reflector));
    unitId = (await t.http().post('/api/units').send({ name: '自治县妇联', kind: 'mass_organisation' })).body.id;
  });
  afterAll(async () => t?.close());

  it('reads the whole route table, and every route declares its access', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter((r) => r.access === null).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // Reachable without a login: exactly these.
    expect(
      routes
        .filter((r) => r.access && 'public' in r.access)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([
      'GET /api/calendar/feed/:file',
      'GET /api/health',
      'POST /api/auth/login',
      'POST /api/auth/password-reset/confirm',
      'POST /api/auth/password-reset/request',
    ]);
  });

  const send = (client: HttpClient, route: DeclaredRoute) => {
    // Ids that exist nowhere: a request that passes the gate ends in 400/404, never in a change.
    const url = route.path.replace(/:[A-Za-z]+/g, (param) => (param === ':action' ? 'acknowledge' : '999999'));
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = client[method](url);
    return method === 'get' || method === 'delete' ? req : req.send({});
  };

  it('answers 401 to every non-public route without credentials', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      if (route.access && 'public' in route.access) continue;
      const res = await send(t.anonymous(), route);
      if (res.status !== 401) wrong.push(`${route.method} ${route.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(ROLES)(
    'lets %s through exactly the routes its permissions name, and answers 403 to the rest',
    async (role: Role) => {
      const client = role === 'unit_liaison' ? t.asUnit(unitId) : t.asRole(role);
      const wrong: string[] = [];
      let allowed = 0;
      let denied = 0;
      for (const route of routes) {
        // Logging out would end nothing (tokens have no session) but keep the matrix honest anyway.
        const access = route.access!;
        const expectAllowed = 'public' in access || 'selfService' in access || roleHas(role, access.permission);
        const res = await send(client, route);
        const gate =
          res.status === 401 ||
          (res.status === 403 &&
            ['FORBIDDEN', 'CSRF_TOKEN_INVALID', 'PASSWORD_CHANGE_REQUIRED'].includes(res.body?.code) &&
            /needs|CSRF|password/.test(res.body?.message ?? ''));
        if (expectAllowed && gate)
          wrong.push(`${route.method} ${route.path}: ${res.status} ${res.body?.code} (should pass the gate)`);
        if (!expectAllowed && !(res.status === 403 && res.body?.code === 'FORBIDDEN'))
          wrong.push(`${route.method} ${route.path}: ${res.status} (should be 403)`);
        if (res.status >= 500) wrong.push(`${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body)}`);
        if (expectAllowed) allowed++;
        else denied++;
      }
      expect(wrong).toEqual([]);
      // Each role is allowed something and (but for the administrator) denied something.
      expect(allowed).toBeGreaterThan(10);
      if (role === 'office_admin') expect(denied).toBe(0);
      else expect(denied).toBeGreaterThan(0);
    },
  );
});
