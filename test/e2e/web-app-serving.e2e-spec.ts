import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { webAppMiddleware } from '../../src/web/serve-web-app.js';

@Module({})
class EmptyModule {}

/**
 * The web app's files as the service serves them (src/web/serve-web-app.ts), from a built app of
 * its own: hashed assets precompressed and cached for a year (their bytes kept in memory), every
 * other path the app's index.html, read afresh.
 */
describe('serving the web app', () => {
  let dir: string;
  let app: NestExpressApplication;
  const script = `console.log(${JSON.stringify('落实'.repeat(200))});\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>落实 v1</title>');
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), script);
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(script));
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js.gz'), gzipSync(script));
    writeFileSync(join(dir, 'assets', 'plain-4d5e6f.css'), 'body{margin:0}');
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { logger: false });
    app.use(webAppMiddleware(dir));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, encoding?: string) => {
    const req = request(app.getHttpServer()).get(path).buffer(true);
    return encoding === undefined ? req.set('Accept-Encoding', 'identity') : req.set('Accept-Encoding', encoding);
  };

  it('sends an asset brotli, gzip or plain as the browser takes it, the same bytes each time', async () => {
    for (let round = 0; round < 2; round++) {
      const br = await get('/assets/app-1a2b3c.js', 'gzip, deflate, br');
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(br.text).toBe(script); // supertest decodes it
      const gz = await get('/assets/app-1a2b3c.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.text).toBe(script);
      const plain = await get('/assets/app-1a2b3c.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script));
      expect(plain.text).toBe(script);
    }
    // An asset without compressed variants goes as it is, whatever the browser takes.
    const css = await get('/assets/plain-4d5e6f.css', 'br');
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.text).toBe('body{margin:0}');
  });

  it('answers HEAD with the length and no body', async () => {
    const head = await request(app.getHttpServer()).head('/assets/app-1a2b3c.js').set('Accept-Encoding', 'br');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(brotliCompressSync(script).length);
    expect(head.text ?? '').toBe('');
  });

  it("answers the app's own paths with index.html, read afresh after a rebuild", async () => {
    const deep = await get('/tasks/123');
    expect(deep.status).toBe(200);
    expect(deep.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect(deep.text).toContain('落实 v1');
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>落实 v2</title>');
    expect((await get('/')).text).toContain('落实 v2');
  });

  it('leaves /api to the API and refuses paths outside the app', async () => {
    expect((await get('/api/nothing')).status).toBe(404);
    // A path that climbs out of the app's folder gets index.html (as it is on disk now: an earlier
    // test rewrote it), never the file it names.
    const outside = await get('/assets/..%2F..%2Fetc%2Fpasswd');
    expect(outside.status).toBe(200);
    expect(outside.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(outside.text).toBe(readFileSync(join(dir, 'index.html'), 'utf8'));
  });
});
