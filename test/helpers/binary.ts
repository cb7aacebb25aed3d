import type request from 'supertest';

/**
 * A supertest body parser that keeps the bytes: `.buffer(true).parse(binary)` answers with
 * `res.body` as one Buffer (downloads: .docx, .xlsx, .csv, .eml, attachments).
 */
export const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('error', (err: Error) => cb(err, Buffer.alloc(0)));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};
