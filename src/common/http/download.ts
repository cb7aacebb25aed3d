import { StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Response } from 'express';

/** A file the API hands out: an export or an attachment. */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  body: Buffer | Readable;
  /** Needed for a stream; a buffer knows its own. */
  length?: number;
}

/** For clients that ignore filename*: ASCII only, no quotes. */
export function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

/**
 * The one way a route sends a file: as an attachment (never rendered in the page), its type
 * not sniffed, the Chinese file name kept for clients that read filename* (RFC 6266).
 */
export function download(res: Response, file: DownloadFile): StreamableFile {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const options = {
    type: file.contentType,
    length: file.length ?? (Buffer.isBuffer(file.body) ? file.body.length : undefined),
    disposition: `attachment; filename="${asciiFallback(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  };
  return Buffer.isBuffer(file.body) ? new StreamableFile(file.body, options) : new StreamableFile(file.body, options);
}
