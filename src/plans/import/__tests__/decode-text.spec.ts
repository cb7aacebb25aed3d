import { buildZip } from '../../../../test/helpers/zip-builder.js';
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { MAX_IMPORT_BYTES, decodePlanBytes, decodeTextBytes } from '../decode-text.util.js';
import { PlanImportError } from '../import-error.js';
import { parsePlanText } from '../plan-text.parser.js';

const HONGTONG = readFileSync(
  new URL('../../../../test/fixtures/hongtong-women-children-plans-14th-fyp.txt', import.meta.url),
  'utf8',
);
const SAMPLE = '威宁自治县妇女发展规划（2021—2025年）\n（一）妇女与健康\n主要目标：\n1.孕产妇死亡率下降到12/10万以下。';

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanImportError);
    return (e as PlanImportError).code;
  }
  return undefined;
}

/** A ZIP with stored (uncompressed) entries: enough for mammoth, no zip library needed. */
function storedZip(files: Record<string, string>): Buffer {
  return buildZip(Object.entries(files).map(([name, data]) => ({ name, data, store: true })));
}

function minimalDocx(paragraphs: string[]): Buffer {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return storedZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
      .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
      .join('')}</w:body></w:document>`,
  });
}

describe('decodeTextBytes / decodePlanBytes', () => {
  it('decodes UTF-8 without and with BOM, normalising CRLF to LF', async () => {
    expect(decodeTextBytes(Buffer.from(SAMPLE, 'utf8'))).toBe(SAMPLE);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE.replace(/\n/g, '\r\n'), 'utf8')]);
    expect(decodeTextBytes(bom)).toBe(SAMPLE);
    expect(await decodePlanBytes(bom, 'plan.txt')).toBe(SAMPLE);
  });

  it('decodes GB18030/GBK bytes', async () => {
    const gb = iconv.encode(HONGTONG, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    expect(await decodePlanBytes(gb, 'plan.txt')).toBe(HONGTONG);
    expect(decodeTextBytes(iconv.encode(SAMPLE, 'gbk'))).toBe(SAMPLE);
    // And the decoded text parses as the original does.
    expect(parsePlanText(decodeTextBytes(gb)).plans).toHaveLength(2);
  });

  it('decodes UTF-16 with a BOM (Notepad’s “Unicode”)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    expect(decodeTextBytes(le)).toBe(SAMPLE);
  });

  it('rejects binary files', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await codeOf(decodePlanBytes(png, 'x.png'))).toBe('BINARY_FILE');
    expect(await codeOf(decodePlanBytes(Buffer.from('%PDF-1.7\n...'), 'x.pdf'))).toBe('BINARY_FILE');
    expect(await codeOf(decodePlanBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'x.doc'))).toBe(
      'BINARY_FILE',
    );
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 0x01 : 0x41)));
    expect(await codeOf(() => decodeTextBytes(controls))).toBe('BINARY_FILE');
  });

  it('rejects empty and whitespace-only files', async () => {
    expect(await codeOf(decodePlanBytes(Buffer.alloc(0)))).toBe('EMPTY_FILE');
    expect(await codeOf(decodePlanBytes(Buffer.from(' \r\n\t\u3000\n', 'utf8')))).toBe('EMPTY_FILE');
    expect(await codeOf(decodePlanBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x0a])))).toBe('EMPTY_FILE');
  });

  it('rejects bytes that are neither UTF-8 nor GB18030 text', async () => {
    expect(await codeOf(() => decodeTextBytes(Buffer.from('Café crème brûlée à la française', 'latin1')))).toBe(
      'UNDECODABLE',
    );
    expect(await codeOf(() => decodeTextBytes(Buffer.from([0x41, 0xff, 0xfe, 0xfd, 0x41, 0xff])))).toBe('UNDECODABLE');
  });

  it('rejects files over MAX_IMPORT_BYTES', async () => {
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
    expect(await codeOf(decodePlanBytes(Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61)))).toBe('TOO_LARGE');
  });

  it('extracts the text of a .docx (detected by content, not by name)', async () => {
    const docx = minimalDocx([
      '洪洞县妇女发展“十四五”规划',
      '二、发展领域、主要目标和策略措施',
      '（一）妇女与健康',
      '主要目标：',
      '1.孕产妇死亡率下降到12.5/10万以内。',
      '策略措施：',
      '1.完善制度。',
    ]);
    const text = await decodePlanBytes(docx, 'upload.bin');
    expect(text).toContain('洪洞县妇女发展“十四五”规划\n');
    expect(text).not.toContain('\r');
    const doc = parsePlanText(text);
    expect(doc.plans[0].areas[0].goals[0]).toMatchObject({
      number: 1,
      indicators: [expect.objectContaining({ value: 12.5, unit: 'per_100k' })],
    });
  });

  it('rejects a ZIP that is not a Word document, and a .docx that is not a ZIP', async () => {
    expect(await codeOf(decodePlanBytes(storedZip({ 'a.txt': 'hello' }), 'x.docx'))).toBe('UNDECODABLE');
    expect(await codeOf(decodePlanBytes(Buffer.from([0x00, 0x01, 0x02, 0x03]), 'x.docx'))).toBe('UNDECODABLE');
    expect(await codeOf(decodePlanBytes(minimalDocx(['  ']), 'x.docx'))).toBe('EMPTY_FILE');
  });
});
