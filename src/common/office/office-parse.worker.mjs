// Parses one Office file in a child process (see office-parse.ts) with a heap limit set by the
// parent: mammoth and exceljs inflate whole parts into memory, and a process that runs out of
// heap dies alone (a worker thread's heap limit can take the whole service down with it).
// Plain JS so that the same file runs from src/ (tests) and dist/ (copied by scripts/build.mjs).
import { inflateRawSync } from 'node:zlib';

function fail(code, message, details = null) {
  return { ok: false, code, message, details };
}

/** Inflates every entry with its declared size as the ceiling: an archive that lies about sizes fails here. */
function inflateAll(buf, entries, maxTotalBytes) {
  const parts = new Map();
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const p = e.localHeaderOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50)
      return fail('NOT_AN_ARCHIVE', `条目 ${e.name} 的本地头无效。Entry ${e.name} has no valid local header.`);
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    let out;
    try {
      out = e.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(e.uncompressedSize, 1) });
    } catch (error) {
      if (error && error.code === 'ERR_BUFFER_TOO_LARGE') {
        return fail(
          'ARCHIVE_ENTRY_TOO_LARGE',
          `条目 ${e.name} 解压后比压缩包声明的 ${e.uncompressedSize} 字节更大（疑似压缩炸弹）。Entry ${e.name} expands beyond the ${e.uncompressedSize} bytes the archive declares (a likely archive bomb).`,
        );
      }
      return fail('UNDECODABLE', `条目 ${e.name} 无法解压。Entry ${e.name} cannot be inflated.`);
    }
    total += out.length;
    if (total > maxTotalBytes)
      return fail(
        'ARCHIVE_TOO_LARGE',
        `压缩包解压后超过 ${(maxTotalBytes / 1048576).toFixed(1)} MB。The archive expands to more than ${(maxTotalBytes / 1048576).toFixed(1)} MB.`,
      );
    if (e.name.endsWith('.xml') || e.name.endsWith('.rels')) parts.set(e.name, out);
  }
  return parts;
}

/** Deepest element nesting of an XML text, stopping as soon as it passes max. */
function xmlDepthExceeds(xml, max) {
  let depth = 0;
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return false;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return false;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) depth--;
    else if (next !== 63 /* ? */ && next !== 33 /* ! */ && xml.charCodeAt(gt - 1) !== 47) {
      depth++;
      if (depth > max) return true;
    }
    i = gt + 1;
  }
}

function cellText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return undefined; // handled by the caller
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return null;
}

async function run({ kind, bytes, entries, limits }) {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const parts = inflateAll(buf, entries, limits.maxTotalBytes);
  if (!(parts instanceof Map)) return parts;
  const main = kind === 'docx' ? 'word/document.xml' : 'xl/workbook.xml';
  if (!parts.has(main)) {
    return fail(
      'UNDECODABLE',
      kind === 'docx'
        ? '压缩包中没有 word/document.xml，不是 Word 文档。The archive has no word/document.xml: it is not a Word document.'
        : '压缩包中没有 xl/workbook.xml，不是 Excel 工作簿。The archive has no xl/workbook.xml: it is not an Excel workbook.',
    );
  }
  for (const [name, data] of parts) {
    if (!name.endsWith('.xml')) continue;
    if (xmlDepthExceeds(data.toString('utf8'), limits.maxXmlDepth)) {
      return fail(
        'DOCUMENT_TOO_DEEP',
        `${name} 的元素嵌套超过 ${limits.maxXmlDepth} 层。${name} nests elements more than ${limits.maxXmlDepth} deep; no real document does.`,
      );
    }
  }
  parts.clear();
  if (kind === 'docx') {
    const mammoth = (await import('mammoth')).default;
    try {
      const { value } = await mammoth.extractRawText({ buffer: buf });
      return { ok: true, text: value };
    } catch {
      return fail(
        'UNDECODABLE',
        '无法读取该 Word 文档（可能已损坏或不是 .docx）。The file is a ZIP archive but not a readable .docx document.',
      );
    }
  }
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf);
  } catch {
    return fail('UNREADABLE_SHEET', 'the file is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail('NO_ROWS', 'the workbook has no sheet');
  const table = [];
  let problem = null;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (problem) return;
    const values = [];
    for (let c = 1; c <= limits.columns; c++) {
      const v = row.getCell(c).value;
      let text = cellText(v);
      if (text === undefined) {
        // A formula: its value as Excel last computed it, never the formula object itself.
        const r = v.result;
        text = r === undefined || r === null ? null : typeof r === 'object' ? (cellText(r) ?? null) : String(r);
        if (text === null) {
          problem = fail(
            'FORMULA_CELL',
            `row ${rowNumber}, column ${c}: the cell holds a formula without a computed value; type the value itself (or open and save the sheet in Excel)`,
            { row: rowNumber, column: c },
          );
          return;
        }
      }
      if (text === null) {
        problem = fail(
          'BAD_CELL',
          `row ${rowNumber}, column ${c}: the cell holds an error or a value that is not text`,
          { row: rowNumber, column: c },
        );
        return;
      }
      values.push(text);
    }
    table[rowNumber - 1] = values;
  });
  if (problem) return problem;
  return { ok: true, table: Array.from(table, (r) => r ?? Array(limits.columns).fill('')) };
}

process.once('message', (data) => {
  run(data).then(
    (result) => process.send(result, () => process.exit(0)),
    (error) =>
      process.send(
        fail('UNDECODABLE', `the file could not be read: ${error && error.message ? error.message : String(error)}`),
        () => process.exit(0),
      ),
  );
});
