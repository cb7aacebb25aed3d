#!/usr/bin/env node
// Compiles src/ to dist/ and copies the files the service reads at run time (the demo plan); builds
// the web app (web/ → dist/client/ with Vite) when it is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
mkdirSync('dist/demo/assets', { recursive: true });
cpSync('src/demo/assets', 'dist/demo/assets', { recursive: true });

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const builtIndex = 'dist/client/index.html';
// The app shares types with src/ (type-only), so only web/ and the lockfile make it stale.
const sourcesTime = Math.max(newest('web'), newest('package-lock.json'));
const builtTime = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
if (process.env.LUOSHI_SKIP_WEB_BUILD !== '1' && (builtTime < sourcesTime || process.argv.includes('--web'))) {
  console.log(builtTime ? 'web app: sources changed, rebuilding' : 'web app: building');
  const vite = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  // Precompressed copies, served when the browser accepts them (src/web/serve-web-app.ts).
  const compress = (dir) => {
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (statSync(file).isDirectory()) compress(file);
      else if (/\.(js|css|html|svg|json)$/.test(entry)) {
        const data = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    }
  };
  compress('dist/client');
}
