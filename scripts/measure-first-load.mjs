#!/usr/bin/env node
// First load of the dashboard from a cold browser cache, as a person at the office sees it:
// Debian's Chromium (playwright-core) opens a new context (empty cache), logs in through the API
// (the session cookie), opens / and waits until the dashboard's charts have drawn. Prints each
// run in ms and the median, and the JavaScript the login page loads (gzipped bytes).
//   node scripts/measure-first-load.mjs [--url http://localhost:3000] [--login office]
//        [--password …] [--runs 3] [--verbose] [--against http://localhost:3001] [--cpu-slowdown 2]
// --against compares two builds served side by side (say, main and a change): runs alternate
// between the two, so both see the same machine, and the ratio of the medians is printed. On two
// shared cores a single median drifts by a quarter from one minute to the next; the ratio does not.
// --cpu-slowdown N runs the page's main thread N times slower (Chromium's CPU throttling): how the
// load fares on a slower machine than this one (the service and the network keep their speed).
// The password defaults to LUOSHI_DEMO_PASSWORD (the demo's accounts). Start the service first,
// e.g. `LUOSHI_DEMO_PASSWORD=demo-password-2024 npm start` on a fresh data/ (port 3000, the --url default).
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const base = option('url', 'http://localhost:3000').replace(/\/$/, '');
const login = option('login', 'office');
const password = option('password', process.env.LUOSHI_DEMO_PASSWORD ?? 'demo-password-2024');
const runs = Math.max(1, Number(option('runs', '3')));
const verbose = args.includes('--verbose');
const against = option('against', '')?.replace(/\/$/, '') || null;
const slowdown = Number(option('cpu-slowdown', '1'));
if (!(slowdown >= 1)) throw new Error('--cpu-slowdown takes a factor of 1 or more');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The dashboard draws two charts (tasks by status, units ranked) once its data is in. */
const CHARTS = 2;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-quic',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
  ],
});

async function once(base) {
  // A new context has an empty HTTP cache: every asset comes over the wire.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  try {
    const answer = await context.request.post(`${base}/api/auth/login`, { data: { login, password } });
    if (!answer.ok()) throw new Error(`login as ${login} failed: HTTP ${answer.status()} ${await answer.text()}`);
    const page = await context.newPage();
    const cdp = verbose || slowdown > 1 ? await context.newCDPSession(page) : null;
    if (verbose) await cdp.send('Performance.enable');
    if (slowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    const requests = [];
    const started = Date.now();
    page.on('requestfinished', (r) =>
      requests.push({
        url: r.url().replace(base, ''),
        start: r.timing().startTime - started,
        end: Date.now() - started,
      }),
    );
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    await page.waitForFunction(
      (n) => globalThis.document.querySelectorAll('[data-testid=chart] svg').length >= n,
      CHARTS,
      { timeout: 60_000, polling: 'raf' },
    );
    const ms = Date.now() - started;
    if (verbose) {
      // Where the main thread's time went (seconds of script, style, layout, all tasks).
      const { metrics } = await cdp.send('Performance.getMetrics');
      const pick = (n) => Math.round((metrics.find((m) => m.name === n)?.value ?? 0) * 1000);
      console.log(
        `  main thread: script ${pick('ScriptDuration')} ms, style ${pick('RecalcStyleDuration')} ms, layout ${pick('LayoutDuration')} ms, all tasks ${pick('TaskDuration')} ms`,
      );
      for (const r of requests.sort((a, b) => a.start - b.start))
        console.log(`  ${String(Math.round(r.start)).padStart(5)} → ${String(r.end).padStart(5)} ms  ${r.url}`);
    }
    return ms;
  } finally {
    await context.close();
  }
}

/** The scripts the login page loads, counted as the service sends them with gzip. */
async function loginPageJs() {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const scripts = new Set();
    page.on('request', (r) => r.resourceType() === 'script' && scripts.add(r.url()));
    await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await page.getByRole('button').first().waitFor();
    let gzipped = 0;
    let raw = 0;
    for (const url of scripts) {
      const zipped = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
      gzipped += Number(zipped.headers.get('content-length') ?? 0);
      raw += (await (await fetch(url, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer()).byteLength;
      await zipped.body?.cancel();
    }
    return { files: scripts.size, gzipped, raw };
  } finally {
    await context.close();
  }
}

try {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (against) {
    // Both warmed once (the service's first answers), then alternating, the order flipped every run.
    await once(base);
    await once(against);
    const times = { [base]: [], [against]: [] };
    for (let i = 0; i < runs; i += 1)
      for (const url of i % 2 ? [against, base] : [base, against]) times[url].push(await once(url));
    for (const url of [base, against])
      console.log(`${url}: ${times[url].join(' ')} ms, median ${median(times[url])} ms`);
    console.log(`ratio ${against} / ${base}: ${(median(times[against]) / median(times[base])).toFixed(3)}`);
  } else {
    const times = [];
    for (let i = 0; i < runs; i += 1) {
      const ms = await once(base);
      times.push(ms);
      console.log(`run ${i + 1}: ${ms} ms`);
    }
    const slower = slowdown > 1 ? `, CPU ${slowdown}× slower` : '';
    console.log(`median first load of the dashboard (cold cache${slower}, ${runs} runs): ${median(times)} ms`);
  }
  const js = await loginPageJs();
  console.log(
    `login page JavaScript: ${js.files} files, ${(js.gzipped / 1024).toFixed(1)} KB gzipped (${(js.raw / 1024).toFixed(1)} KB raw)`,
  );
} finally {
  await browser.close();
}
