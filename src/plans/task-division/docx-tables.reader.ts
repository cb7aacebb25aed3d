/**
 * Tables of a Word document (.docx), read from word/document.xml: rows of cell texts, with
 * cells merged down (vMerge) repeated in each row they cover and cells merged across
 * (gridSpan) given once, at their first column. Paragraphs of a cell are kept apart by "\n".
 */
import JSZip from 'jszip';
import { BadRequestError } from '../../common/errors/app-error.js';

/** document.xml of a real task-division document is well under 1 MB; 20 MB is generous. */
export const MAX_DOCUMENT_XML_BYTES = 20 * 1024 * 1024;

/**
 * The one place that opens the zip: returns an entry's text, or null if the archive has no
 * such entry. Bounded by the entry's declared size; unreadable archives are a 400.
 */
export async function readZipEntryText(
  bytes: Uint8Array,
  entry: string,
  maxBytes = MAX_DOCUMENT_XML_BYTES,
): Promise<string | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new BadRequestError('UNREADABLE_DOCUMENT', 'the file is not a readable .docx (zip) document');
  }
  const file = zip.file(entry);
  if (!file) return null;
  const declared = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (typeof declared === 'number' && declared > maxBytes) {
    throw new BadRequestError('TOO_LARGE', `${entry} is larger than ${maxBytes / 1024 / 1024} MB uncompressed`);
  }
  const text = await file.async('string');
  if (text.length > maxBytes)
    throw new BadRequestError('TOO_LARGE', `${entry} is larger than ${maxBytes / 1024 / 1024} MB uncompressed`);
  return text;
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()];
  });
}

interface RawCell {
  text: string;
  span: number;
  merge: 'restart' | 'continue' | null;
}

const TOKEN_RE = /<(\/?)w:(tbl|tr|tc|p|t|tab|br|cr|gridSpan|vMerge)\b([^>]*?)(\/?)>|<[^>]*>|([^<]+)/g;

/** All top-level tables of document.xml; a table nested in a cell becomes text of that cell. */
export function tablesFromDocumentXml(xml: string): string[][][] {
  const tables: RawCell[][][] = [];
  let depth = 0;
  let row: RawCell[] | null = null;
  let cell: RawCell | null = null;
  let inText = false;
  let paragraphs: string[] = [];
  let para = '';
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(xml); m; m = TOKEN_RE.exec(xml)) {
    const [, close, tag, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (inText && cell) para += decodeXml(text);
      continue;
    }
    if (!tag) continue;
    const opening = close === '';
    switch (tag) {
      case 'tbl':
        if (opening) {
          depth++;
          if (depth === 1) tables.push([]);
        } else depth = Math.max(0, depth - 1);
        break;
      case 'tr':
        if (depth !== 1) break;
        if (opening) row = [];
        else if (row) {
          tables[tables.length - 1].push(row);
          row = null;
        }
        break;
      case 'tc':
        if (depth !== 1) break;
        if (opening) {
          cell = { text: '', span: 1, merge: null };
          paragraphs = [];
          para = '';
        } else if (cell && row) {
          if (para.trim() !== '') paragraphs.push(para.trim());
          cell.text = paragraphs.join('\n');
          row.push(cell);
          cell = null;
        }
        break;
      case 'p':
        if (!opening && cell) {
          if (para.trim() !== '') paragraphs.push(para.trim());
          para = '';
        }
        break;
      case 't':
        inText = opening && selfClose !== '/';
        break;
      case 'tab':
        if (cell) para += '\t';
        break;
      case 'br':
      case 'cr':
        if (cell) {
          if (para.trim() !== '') paragraphs.push(para.trim());
          para = '';
        }
        break;
      case 'gridSpan':
        if (cell && depth === 1) cell.span = Math.min(64, Math.max(1, Number(/w:val="(\d+)"/.exec(attrs)?.[1] ?? 1)));
        break;
      case 'vMerge':
        if (cell && depth === 1) cell.merge = /w:val="restart"/.test(attrs) ? 'restart' : 'continue';
        break;
    }
  }
  return tables.map(toGrid);
}

/** Lays cells out on the table grid; a cell merged down repeats the text of the cell above. */
function toGrid(rows: RawCell[][]): string[][] {
  const out: string[][] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (const c of row) {
      const col = cells.length;
      const above = out[out.length - 1]?.[col] ?? '';
      cells.push(c.merge === 'continue' ? above : c.text);
      for (let k = 1; k < c.span; k++) cells.push(c.merge === 'continue' ? (out[out.length - 1]?.[col + k] ?? '') : '');
    }
    out.push(cells);
  }
  return out;
}

/** The tables of a .docx file; null when the zip is not a Word document (e.g. an .xlsx). */
export async function readDocxTables(bytes: Uint8Array): Promise<string[][][] | null> {
  const xml = await readZipEntryText(bytes, 'word/document.xml');
  return xml === null ? null : tablesFromDocumentXml(xml);
}
