import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';

/** Where `npm run build` (scripts/build.mjs → Vite) writes the web app. */
export const WEB_APP_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built web app for every GET/HEAD outside /api: files as they are (hashed assets
 * cached for a year, precompressed .br/.gz variants when the browser takes them), and index.html
 * for every other path so a link like /tasks/123 from an e-mail opens that task in the app.
 * Plain middleware, not a Nest route: the API's guards and filters never see these requests.
 */
export function webAppMiddleware(dir: string = WEB_APP_DIR) {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/'))
      return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The web app is not built: run `npm run build` (npm start does it).\n网页端尚未构建，请运行 npm run build。\n',
        );
      return;
    }
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(req.path)));
    } catch {
      res.status(400).end();
      return;
    }
    const isFile = path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile();
    const file = isFile ? path : index;
    const ext = extname(file);
    const immutable = isFile && file.startsWith(join(root, 'assets') + sep);
    res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Accept-Encoding');
    if (file === index)
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
      );
    const accept = String(req.headers['accept-encoding'] ?? '');
    // Hashed assets never change under their name: their bytes are read once and kept (a page
    // load asks for dozens of them at once); index.html and the rest are read from disk each time.
    const kept = immutable ? keptAsset(file, accept) : undefined;
    if (kept) {
      if (kept.encoding) res.setHeader('Content-Encoding', kept.encoding);
      res.setHeader('Content-Length', String(kept.bytes.length));
      res.end(req.method === 'HEAD' ? undefined : kept.bytes);
      return;
    }
    let served = file;
    for (const [enc, suffix] of ENCODINGS) {
      if (new RegExp(`\\b${enc}\\b`).test(accept) && existsSync(file + suffix)) {
        res.setHeader('Content-Encoding', enc);
        served = file + suffix;
        break;
      }
    }
    res.setHeader('Content-Length', String(statSync(served).size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(served).on('error', next).pipe(res);
  };
}

const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/** Kept asset bytes per file and encoding, up to MAX_KEPT_BYTES in all (the built app is a few MB). */
const keptAssets = new Map<string, { bytes: Buffer; encoding: string | null }>();
let keptBytes = 0;
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

function keptAsset(file: string, accept: string): { bytes: Buffer; encoding: string | null } | undefined {
  const wanted = ENCODINGS.filter(([enc]) => new RegExp(`\\b${enc}\\b`).test(accept));
  const key = `${file}\n${wanted.map(([enc]) => enc).join(',')}`;
  let kept = keptAssets.get(key);
  if (!kept) {
    const encoding = wanted.find(([, suffix]) => existsSync(file + suffix));
    const path = encoding ? file + encoding[1] : file;
    if (keptBytes + statSync(path).size > MAX_KEPT_BYTES) return undefined;
    kept = { bytes: readFileSync(path), encoding: encoding ? encoding[0] : null };
    keptAssets.set(key, kept);
    keptBytes += kept.bytes.length;
  }
  return kept;
}
