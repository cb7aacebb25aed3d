import { describe, it, expect } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { buildZip, docxBomb, docxOf, docxWithBody, xlsxBomb, xlsxOf } from '../../../../test/helpers/zip-builder.js';
import { ArchiveError, defaultArchiveLimits, inspectZip } from '../zip-inspect.js';
import { defaultOfficeLimits, OfficeFileError, parseOfficeFile } from '../office-parse.js';

function archiveCode(bytes: Buffer, limits = defaultArchiveLimits()): string {
  try {
    inspectZip(bytes, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(ArchiveError);
    return (e as ArchiveError).code;
  }
  return 'OK';
}

async function parseError(p: Promise<unknown>): Promise<OfficeFileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OfficeFileError);
    return e as OfficeFileError;
  }
  throw new Error('no error');
}

describe('inspectZip: the central directory against the limits, nothing inflated', () => {
  it('passes a real-sized .docx and lists its entries', () => {
    const entries = inspectZip(docxOf(['妇女与健康']));
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });

  it('refuses each kind of bomb with what was wrong', () => {
    const bomb = docxBomb(60);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(archiveCode(bomb)).toBe('ARCHIVE_ENTRY_TOO_LARGE');
    expect(archiveCode(bomb, { ...defaultArchiveLimits(), maxEntryBytes: 100 * 1024 * 1024 })).toBe(
      'ARCHIVE_TOO_LARGE',
    );
    expect(archiveCode(docxBomb(5))).toBe('ARCHIVE_RATIO');
    expect(() => inspectZip(docxBomb(5))).toThrow(/compression ratio of \d+:1, above the limit of 200:1/);
    expect(archiveCode(buildZip(Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}.xml`, data: 'x' }))))).toBe(
      'ARCHIVE_TOO_MANY_ENTRIES',
    );
    expect(archiveCode(buildZip([{ name: 'a/'.repeat(10) + 'x.xml', data: 'x' }]))).toBe('ARCHIVE_TOO_DEEP');
    expect(archiveCode(buildZip([{ name: 'a/'.repeat(9) + 'x.xml', data: 'x' }]))).toBe('OK');
    expect(archiveCode(Buffer.from('PK\u0003\u0004 not really'))).toBe('NOT_AN_ARCHIVE');
  });
});

describe('parseOfficeFile: inflated and parsed in a child process', () => {
  it('reads the text of a .docx', async () => {
    expect((await parseOfficeFile('docx', docxOf(['（一）妇女与健康', '主要目标：']))).text).toBe(
      '（一）妇女与健康\n\n主要目标：\n\n',
    );
  });

  it('an archive that declares small sizes but inflates to more is refused', async () => {
    const liar = docxWithBody(Buffer.alloc(30 * 1024 * 1024, 0x41), { declaredSize: 4096 });
    const e = await parseError(parseOfficeFile('docx', liar));
    expect(e.code).toBe('ARCHIVE_ENTRY_TOO_LARGE');
    expect(e.message).toContain('expands beyond the 4096 bytes the archive declares');
  });

  it('100 000 nested elements are refused before mammoth walks them', async () => {
    const nested = '<w:sdt><w:sdtContent>'.repeat(100_000) + '<w:p/>' + '</w:sdtContent></w:sdt>'.repeat(100_000);
    // DOCUMENT_TOO_DEEP comes from the depth check that runs before mammoth (no timing needed).
    const e = await parseError(
      parseOfficeFile('docx', docxWithBody(nested), { ...defaultOfficeLimits(), maxRatio: 100_000 }),
    );
    expect(e.code).toBe('DOCUMENT_TOO_DEEP');
  });

  it('an .xlsx is not a .docx', async () => {
    const e = await parseError(parseOfficeFile('docx', xlsxOf([['a']])));
    expect(e.code).toBe('UNDECODABLE');
    expect(e.message).toContain('no word/document.xml');
  });

  it('formula cells read as their cached value, or are refused with their row', async () => {
    const ok = await parseOfficeFile(
      'xlsx',
      xlsxOf([
        ['领域', '目标'],
        ['1 妇女与健康', { f: '1+1', v: 2 }, { f: 'HYPERLINK("x","妇联")', v: '妇联' }],
      ]),
      defaultOfficeLimits(),
      3,
    );
    expect(ok.table).toEqual([
      ['领域', '目标', ''],
      ['1 妇女与健康', '2', '妇联'],
    ]);
    const e = await parseError(
      parseOfficeFile('xlsx', xlsxOf([['领域'], ['1 妇女与健康'], [{ f: 'A1&A2' }]]), defaultOfficeLimits(), 3),
    );
    expect(e.code).toBe('FORMULA_CELL');
    expect(e.details).toEqual({ row: 3, column: 1 });
  });

  it('a parser that runs out of its heap is a 400-kind error, and the service lives on', async () => {
    const limits = { ...defaultOfficeLimits(), maxRatio: 100_000, workerHeapMegabytes: 64 };
    const e = await parseError(parseOfficeFile('xlsx', xlsxBomb(45), limits));
    expect(e.code).toBe('DOCUMENT_TOO_COMPLEX');
  }, 90_000);

  it('the event loop stays free: a large file is parsed in a child process, not on this thread', async () => {
    const limits = { ...defaultOfficeLimits(), maxRatio: 100_000 };
    const docx = docxWithBody(Buffer.from('<w:p><w:r><w:t>妇女与健康</w:t></w:r></w:p>'.repeat(40_000)));
    // Not a timing: who did the work. node:child_process reports each process it creates on the
    // 'child_process' diagnostics channel; this records them and what each answered.
    const children: ChildProcess[] = [];
    const answered: unknown[] = [];
    const onChild = (message: unknown) => {
      const child = (message as { process: ChildProcess }).process;
      children.push(child);
      child.on('message', (m) => answered.push(m));
    };
    subscribe('child_process', onChild);
    let text: string;
    try {
      ({ text } = await parseOfficeFile('docx', docx, limits));
    } finally {
      unsubscribe('child_process', onChild);
    }
    expect(text.length).toBe(40_000 * 7);
    // One process, the parser's, other than this one; the text parseOfficeFile returned is the
    // one that process answered with (parsing here and starting an idle process would not pass).
    expect(children).toHaveLength(1);
    const [child] = children;
    expect(child!.spawnargs.join(' ')).toContain('office-parse.worker.mjs');
    expect(child!.pid).toEqual(expect.any(Number));
    expect(child!.pid).not.toBe(process.pid);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ ok: true, text });
  }, 90_000);
});
