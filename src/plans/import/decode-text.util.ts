import iconv from 'iconv-lite';
import { PlanImportError } from './import-error.js';
import { OfficeFileError, parseOfficeFile, type OfficeLimits } from '../../common/office/office-parse.js';

/** Plans are tens to hundreds of KB; 20 MB leaves room for a .docx with pictures. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .doc/.xls
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

/** True for the ZIP container every .docx is. */
export function isZip(buf: Uint8Array): boolean {
  return startsWith(buf, ZIP_MAGIC);
}

/** LF only, no BOM: line numbers in warnings must match what an editor shows. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function checkSize(buf: Uint8Array): void {
  if (buf.length > MAX_IMPORT_BYTES) {
    throw new PlanImportError(
      'TOO_LARGE',
      `文件过大（${(buf.length / 1024 / 1024).toFixed(1)} MB），上限为 ${MAX_IMPORT_BYTES / 1024 / 1024} MB。The file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB import limit.`,
    );
  }
  if (buf.length === 0) throw emptyFile();
}

function emptyFile(): PlanImportError {
  return new PlanImportError('EMPTY_FILE', '文件为空。The file is empty or contains only whitespace.');
}

function finish(text: string): string {
  const out = normaliseText(text);
  if (out.trim() === '') throw emptyFile();
  return out;
}

/**
 * Control characters other than tab, LF, VT, FF, CR and ESC are rare in text and common in
 * binaries; a NUL byte alone settles it (UTF-8 and GB18030 text never contain one).
 */
function looksBinary(buf: Uint8Array): boolean {
  let control = 0;
  const n = Math.min(buf.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f)
      control++;
  }
  return control / n > 0.02;
}

/**
 * Share of decoded non-ASCII characters that are common CJK (ideographs, CJK punctuation,
 * full-width forms, general punctuation such as “” and —). GB18030 maps almost any byte
 * sequence to *something*, so a wrong guess shows up as rare code points rather than errors.
 */
function cjkShare(text: string): { nonAscii: number; share: number } {
  let nonAscii = 0;
  let common = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x2000 && c <= 0x206f) ||
      (c >= 0x2460 && c <= 0x24ff) || // ①②…
      (c >= 0x2500 && c <= 0x25ff) || // box drawing, ■●
      c === 0xb7 ||
      c === 0xd7 ||
      c === 0x2116
    )
      common++;
  }
  return { nonAscii, share: nonAscii === 0 ? 1 : common / nonAscii };
}

/**
 * Decodes a plain-text plan: UTF-16 with BOM (Notepad's "Unicode"), UTF-8 with or without BOM,
 * else GB18030 (a superset of GBK/GB2312, what Chinese Windows saves by default).
 * Throws PlanImportError EMPTY_FILE / BINARY_FILE / UNDECODABLE / TOO_LARGE.
 */
export function decodeTextBytes(buf: Uint8Array): string {
  checkSize(buf);
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    const le = buf[0] === 0xff;
    try {
      return finish(new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(buf));
    } catch (e) {
      if (e instanceof PlanImportError) throw e;
      throw undecodable();
    }
  }
  if (isZip(buf)) {
    throw new PlanImportError(
      'BINARY_FILE',
      '这是压缩包或 Word 文档，请按 .docx 导入。This is a ZIP/.docx file, not plain text.',
    );
  }
  if (startsWith(buf, OLE_MAGIC)) {
    throw new PlanImportError(
      'BINARY_FILE',
      '不支持旧版 .doc 格式，请另存为 .docx 或 .txt 后导入。Legacy .doc files are not supported: save as .docx or .txt.',
    );
  }
  if (startsWith(buf, PDF_MAGIC)) {
    throw new PlanImportError(
      'BINARY_FILE',
      '不支持 PDF，请复制文字另存为 .txt 或 .docx 后导入。PDF is not supported: save the text as .txt or .docx.',
    );
  }
  if (looksBinary(buf)) {
    throw new PlanImportError('BINARY_FILE', '文件不是文本文件。The file looks binary, not text.');
  }
  try {
    // fatal: any invalid sequence throws, which is how a GBK file is told apart from UTF-8.
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(buf));
  } catch (e) {
    if (e instanceof PlanImportError) throw e;
  }
  const gb = iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.length), 'gb18030');
  const { nonAscii, share } = cjkShare(gb);
  if (gb.includes('\uFFFD') || nonAscii === 0 || share < 0.9) throw undecodable();
  return finish(gb);
}

function undecodable(): PlanImportError {
  return new PlanImportError(
    'UNDECODABLE',
    '无法识别文件编码（支持 UTF-8、GBK/GB18030、.docx）。The text is neither UTF-8 nor GBK/GB18030; save it as UTF-8 and try again.',
  );
}

/**
 * Plain text of a .docx (paragraphs separated by blank lines, as mammoth writes them). The archive
 * is checked first and parsed in a worker thread (see office-parse.ts); a refused file is a
 * PlanImportError with the archive problem as its code.
 */
export async function decodeDocxBytes(buf: Uint8Array, limits?: OfficeLimits): Promise<string> {
  checkSize(buf);
  let value: string;
  try {
    ({ text: value } = await parseOfficeFile('docx', buf, limits));
  } catch (error) {
    if (error instanceof OfficeFileError) throw new PlanImportError(error.code, error.message);
    throw error;
  }
  return finish(value);
}

/**
 * Any uploaded plan file to text. The content decides, not the name: a .txt that is really a
 * .docx still imports; fileName only sharpens the message for a broken .docx.
 */
export async function decodePlanBytes(buf: Uint8Array, fileName?: string, limits?: OfficeLimits): Promise<string> {
  checkSize(buf);
  if (isZip(buf)) return decodeDocxBytes(buf, limits);
  try {
    return decodeTextBytes(buf);
  } catch (e) {
    if (e instanceof PlanImportError && e.code === 'BINARY_FILE' && fileName && /\.docx$/i.test(fileName)) {
      throw new PlanImportError(
        'UNDECODABLE',
        '文件扩展名为 .docx，但内容不是有效的 Word 文档。The file is named .docx but is not a valid Word document.',
      );
    }
    throw e;
  }
}
