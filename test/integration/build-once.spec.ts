import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
const dir = mkdtempSync(join(tmpdir(), 'luoshi-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sets a file's times to `minutes` after a fixed moment: which is newer is all a build compares. */
const timeSetter = (base: string) => (path: string, minutes: number) => {
  const time = new Date(Date.parse('2026-01-01T00:00:00Z') + minutes * 60_000);
  utimesSync(join(base, path), time, time);
};

/** `npm start` and `npm run cli` build once, not on every call (a full build takes half a minute). */
describe('build once', () => {
  it('start, cli and the luoshi bin build only when stale', () => {
    for (const name of ['prestart', 'cli', 'migration:run', 'bench'])
      expect(pkg.scripts[name]).toMatch(/^node scripts\/build\.mjs --if-stale( --no-web)?( &&|$)/);
    expect(pkg.bin).toEqual({ luoshi: 'bin/luoshi.mjs' });
    expect(readFileSync(join(root, pkg.bin.luoshi), 'utf8')).toContain('buildIfStale(root, { web: false })');
    expect(existsSync(join(root, '.npmrc')) ? readFileSync(join(root, '.npmrc'), 'utf8') : '').not.toMatch(
      /^build-from-source/m,
    );
  });

  it('dist is fresh after a build and stale once a source, a config file or the source tree changes', async () => {
    const { isFresh } = (await import(pathToFileURL(join(root, 'scripts/build.mjs')).href)) as {
      isFresh: (root: string) => boolean;
    };
    const at = timeSetter(dir);
    mkdirSync(join(dir, 'src/sub'), { recursive: true });
    mkdirSync(join(dir, 'dist'), { recursive: true });
    for (const f of [
      'src/a.ts',
      'src/sub/b.ts',
      'tsconfig.json',
      'tsconfig.build.json',
      'package.json',
      'package-lock.json',
    ]) {
      writeFileSync(join(dir, f), '');
      at(f, 0);
    }
    at('src/sub', 0);
    at('src', 0);
    expect(isFresh(dir)).toBe(false); // never built
    writeFileSync(join(dir, 'dist/.build-stamp'), '');
    at('dist/.build-stamp', 10);
    expect(isFresh(dir)).toBe(true);
    at('src/sub/b.ts', 11);
    expect(isFresh(dir)).toBe(false);
    at('src/sub/b.ts', 5);
    at('tsconfig.build.json', 12);
    expect(isFresh(dir)).toBe(false);
    at('tsconfig.build.json', 5);
    expect(isFresh(dir)).toBe(true);
    rmSync(join(dir, 'src/a.ts')); // a deleted file changes its directory
    expect(isFresh(dir)).toBe(false);
  });

  it('the web app is stale once a file under web/, the lockfile or a service file its bundle took in changes', async () => {
    const { webIsFresh } = (await import(pathToFileURL(join(root, 'scripts/build.mjs')).href)) as {
      webIsFresh: (root: string) => boolean;
    };
    const web = mkdtempSync(join(tmpdir(), 'luoshi-web-build-'));
    try {
      const at = timeSetter(web);
      for (const d of ['web/src', 'src/common', 'src/other', 'dist/client'])
        mkdirSync(join(web, d), { recursive: true });
      for (const f of ['web/src/App.tsx', 'package-lock.json', 'src/common/labels.ts', 'src/other/service.ts']) {
        writeFileSync(join(web, f), '');
        at(f, 0);
      }
      for (const d of ['web/src', 'web', 'src/common', 'src/other']) at(d, 0);
      writeFileSync(join(web, 'dist/client/index.html'), '');
      at('dist/client/index.html', 10);
      expect(webIsFresh(web)).toBe(false); // built before the app listed what it takes from the service
      writeFileSync(join(web, 'dist/.web-sources.json'), JSON.stringify(['src/common/labels.ts']));
      expect(webIsFresh(web)).toBe(true);
      at('src/other/service.ts', 11); // not in the bundle
      expect(webIsFresh(web)).toBe(true);
      at('src/common/labels.ts', 11);
      expect(webIsFresh(web)).toBe(false);
      at('src/common/labels.ts', 5);
      at('web/src/App.tsx', 11);
      expect(webIsFresh(web)).toBe(false);
      at('web/src/App.tsx', 5);
      expect(webIsFresh(web)).toBe(true);
      rmSync(join(web, 'src/common/labels.ts')); // moved away: the next build lists what it takes now
      expect(webIsFresh(web)).toBe(false);
    } finally {
      rmSync(web, { recursive: true, force: true });
    }
  });
});
