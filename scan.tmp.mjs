import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const loc = process.argv[2] ?? 'zh-CN';
async function as(login, routes) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: loc });
  await context.addInitScript((l) => localStorage.setItem('luoshi.locale', l), loc);
  const r = await context.request.post('http://localhost:3000/api/auth/login', { data: { login, password: 'demo-password-2024' } });
  if (!r.ok()) throw new Error(await r.text());
  const page = await context.newPage();
  if (loc === 'en') { await page.goto('http://localhost:3000/'); await page.getByText('EN', { exact: true }).click(); await page.waitForTimeout(1500); }
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const route of routes) {
    await page.goto('http://localhost:3000' + route);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(800);
    const text = await page.evaluate(() => document.body.innerText);
    const words = loc === 'en' ? [...new Set(text.match(/[\u4e00-\u9fff（）：，]+/g) ?? [])] : [...new Set(text.match(/\b[A-Za-z][A-Za-z_]{3,}\b/g) ?? [])];
    console.log(login, route, 'other-language words:', words.slice(0, 30).join(' '));
    await page.screenshot({ path: `/tmp/scan/${loc}-${login.replace(/\W/g,'_')}${route.replace(/\W/g,'_')}.png`, fullPage: false });
  }
  if (errors.length) console.log('console errors:', errors.slice(0, 10));
  if (loc === 'en') { await page.getByText('中文', { exact: true }).click(); await page.waitForTimeout(1000); }
  await context.close();
}
await as('office', ['/', '/tasks', '/plans', '/plans/1', '/import', '/notices', '/units', '/users', '/audit', '/tokens', '/calendar', '/rollup', '/tasks/1']);
await as('liaison01@weining.example.org', ['/', '/tasks/1']);
await browser.close();
