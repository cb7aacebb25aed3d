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
    const accept = String(req.headers['accept-encoding'] ?? '');
    // Hashed assets never change under their name: their bytes are read once and kept (a page
    // load asks for dozens of them at once), so a kept one is answered without touching the disk;
    // index.html and the rest are read from disk each time.
    const asset = path.startsWith(join(root, 'assets') + sep);
    const kept = asset ? keptAssets.get(keptKey(path, accept)) : undefined;
    const isFile = kept !== undefined || (path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile());
    const file = isFile ? path : index;
    const immutable = isFile && asset;
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Accept-Encoding');
    if (file === index)
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
      );
    const encoding = kept ? kept.encoding : pickEncoding(file, accept);
    if (encoding) res.setHeader('Content-Encoding', encoding[0]);
    const served = encoding ? file + encoding[1] : file;
    const bytes = kept?.bytes ?? (immutable ? keep(file, accept, served, encoding) : undefined);
    res.setHeader('Content-Length', String(bytes ? bytes.length : statSync(served).size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (bytes) res.end(bytes);
    else createReadStream(served).on('error', next).pipe(res);
  };
}

type Encoding = (typeof ENCODINGS)[number];
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;
const ACCEPTS = ENCODINGS.map(([enc]) => new RegExp(`\\b${enc}\\b`));

/** The precompressed variant the browser takes, when the build wrote one. */
function pickEncoding(file: string, accept: string): Encoding | undefined {
  return ENCODINGS.find(([, suffix], i) => ACCEPTS[i]!.test(accept) && existsSync(file + suffix));
}

/** Kept asset bytes per file and the encodings the browser takes, up to MAX_KEPT_BYTES in all (the built app is a few MB). */
const keptAssets = new Map<string, { bytes: Buffer; encoding: Encoding | undefined }>();
let keptBytes = 0;
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

function keptKey(file: string, accept: string): string {
  return `${file}\n${ENCODINGS.filter((_, i) => ACCEPTS[i]!.test(accept))
    .map(([enc]) => enc)
    .join(',')}`;
}

function keep(file: string, accept: string, served: string, encoding: Encoding | undefined): Buffer | undefined {
  if (keptBytes + statSync(served).size > MAX_KEPT_BYTES) return undefined;
  const bytes = readFileSync(served);
  keptAssets.set(keptKey(file, accept), { bytes, encoding });
  keptBytes += bytes.length;
  return bytes;
}
