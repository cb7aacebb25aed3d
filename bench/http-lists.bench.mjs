#!/usr/bin/env node
// List endpoints against the framework's floor: the built service (dist/main.js) on the demo
// (embedded SQLite, LUOSHI_NOW fixed, logged in as the demo's `office` with a session cookie) and a
// bare node:http server answering the very bytes GET /api/tasks answered (first page, 50 tasks),
// each in a process of its own; one keep-alive load generator (this process, 10 connections)
// drives each for a few seconds in turn. Prints requests/s, p50/p99 and the ratio
// task list / bare server (target ≥ 0.5), then the dashboard and the plan tree per KB relative to
// the task list (target ≥ 0.5, i.e. within 2×). Figures only: nothing here asserts a time.
// The bare server runs in a child process, like the service, rather than on this process's event
// loop, where the load generator would slow it and flatter the ratio.
// Usage: npm run bench -- http-lists   (BENCH_SECONDS=5, BENCH_CONNECTIONS=10, BENCH_SMOKE=1: 0.3 s each,
// BENCH_PROFILE=<dir>: a CPU profile of the service)
import http from 'node:http';
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onExit } from './lib/children.mjs';
import { freePort } from './lib/ports.mjs';

if (process.argv[2] === '--bare') {
  // The bare server: the same status, content type and body bytes, nothing else.
  let body = Buffer.alloc(0);
  let type = 'application/json; charset=utf-8';
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  process.on('message', (m) => {
    if (m.body) {
      body = Buffer.from(m.body, 'base64');
      type = m.type;
      server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
    }
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

/** Drives `path` on `port` with `connections` keep-alive loops for `seconds`; every answer must be 200. */
async function load(port, path, headers, seconds, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let bytes = 0;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
        let n = 0;
        res.on('data', (chunk) => (n += chunk.length));
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          bytes += n;
          latencies.push(performance.now() - t0);
          resolve();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  if (errors) throw new Error(`${path}: ${errors} of ${latencies.length} answers were not 200`);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    kbps: bytes / 1024 / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    size: latencies.length ? bytes / latencies.length : 0,
  };
}

async function main() {
  const smoke = process.env.BENCH_SMOKE === '1';
  const seconds = Number(process.env.BENCH_SECONDS ?? (smoke ? 0.3 : 5));
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const password = 'bench-demo-password-1';
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-lists-'));
  const port = await freePort();
  const children = [];
  const cleanup = onExit(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    // BENCH_PROFILE=<dir>: the service writes a CPU profile there (node --cpu-prof) when it stops.
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const service = spawn(process.execPath, [...profile, fileURLToPath(new URL('../dist/main.js', import.meta.url))], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DB_URL: '',
        SQLITE_PATH: join(dir, 'bench.sqlite'),
        LUOSHI_DEMO: 'true',
        LUOSHI_DEMO_PASSWORD: password,
        LUOSHI_NOW: '2026-03-16T09:00:00+08:00',
        LUOSHI_SCHEDULER: 'false',
        LOG_LEVEL: 'warn',
        LUOSHI__DUTIES__ATTACHMENTS__DIR: join(dir, 'att'),
        LUOSHI__MAIL__MAILDIR: join(dir, 'mail'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(service);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (service.exitCode !== null) throw new Error(`the service exited with ${service.exitCode}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 300) throw new Error('the service did not start in 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'office', password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'accept-language': 'zh-CN' };

    const tasks = await fetch(`${base}/api/tasks`, { headers });
    if (tasks.status !== 200) throw new Error(`GET /api/tasks: ${tasks.status}`);
    const body = Buffer.from(await tasks.arrayBuffer());
    const count = JSON.parse(body.toString('utf8')).items.length;

    const bare = fork(fileURLToPath(import.meta.url), ['--bare'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(bare);
    const barePort = await new Promise((resolve, reject) => {
      bare.once('message', (m) => resolve(m.port));
      bare.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
      bare.send({ body: body.toString('base64'), type: tasks.headers.get('content-type') });
    });

    console.log(
      `demo on SQLite as of 2026-03-16, office session; ${connections} connections, ${seconds} s per endpoint${smoke ? ' (smoke run)' : ''}`,
    );
    const line = (label, r) =>
      console.log(
        `  ${label.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${(r.size / 1024).toFixed(1).padStart(6)} KB  ${r.kbps.toFixed(0).padStart(7)} KB/s`,
      );
    // A short warm-up of each, so both run on optimised code.
    await load(barePort, '/api/tasks', headers, Math.min(1, seconds), connections);
    await load(port, '/api/tasks', headers, Math.min(1, seconds), connections);
    const bareRun = await load(barePort, '/api/tasks', headers, seconds, connections);
    line(`bare node:http, same ${(body.length / 1024).toFixed(1)} KB`, bareRun);
    const list = await load(port, '/api/tasks', headers, seconds, connections);
    line(`GET /api/tasks (${count} tasks)`, list);
    const others = [];
    for (const path of process.env.BENCH_LIST_ONLY === '1' ? [] : ['/api/supervision/dashboard', '/api/plans/1']) {
      await load(port, path, headers, Math.min(1, seconds), connections);
      const r = await load(port, path, headers, seconds, connections);
      line(`GET ${path}`, r);
      others.push([path, r]);
    }
    console.log('figures');
    const ratio = list.rps / bareRun.rps;
    console.log(
      `  task list / bare server: ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
    );
    for (const [path, r] of others) {
      const perKb = r.kbps / list.kbps;
      console.log(
        `  ${path} / task list, per KB: ${perKb.toFixed(2)} (target ≥ 0.5) ${perKb >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
      );
    }
    if (profile.length) {
      service.kill('SIGTERM');
      await new Promise((r) => service.once('exit', r));
    }
  } finally {
    cleanup();
  }
}
