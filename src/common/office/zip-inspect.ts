/**
 * Reads a ZIP archive's central directory (no inflating) and refuses archives that would cost
 * more to open than any real Office file: too large uncompressed in total or per entry, an
 * extreme compression ratio, too many entries, or paths nested too deep. Office files (.docx,
 * .xlsx) are ZIP archives, and their parsers (mammoth, exceljs via JSZip) inflate everything
 * into memory, so this runs before them. The sizes read here are what the archive declares;
 * the worker that parses the file inflates with the same limits, so a lying archive fails there.
 */
import { officeLimits } from '../../config/app-config.js';
import { configDefaults } from '../../config/config-defaults.js';

export interface ArchiveLimits {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Uncompressed ÷ compressed, for entries above 1 MB (tiny entries compress absurdly well). */
  maxRatio: number;
  maxEntries: number;
  /** Path segments of an entry name (word/media/x.png = 3). */
  maxDepth: number;
}

/** The configuration's limits (limits.office in config/default.yaml, their one home), read when first needed. */
export function defaultArchiveLimits(): ArchiveLimits {
  return officeLimits(configDefaults());
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ArchiveProblem =
  | 'NOT_AN_ARCHIVE'
  | 'ARCHIVE_TOO_LARGE'
  | 'ARCHIVE_ENTRY_TOO_LARGE'
  | 'ARCHIVE_RATIO'
  | 'ARCHIVE_TOO_MANY_ENTRIES'
  | 'ARCHIVE_TOO_DEEP'
  | 'ARCHIVE_UNSUPPORTED';

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  constructor(
    readonly code: ArchiveProblem,
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const RATIO_FLOOR = 1024 * 1024;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The entries of a ZIP archive, or ArchiveError saying what is wrong with it. */
export function inspectZip(bytes: Uint8Array, limits: ArchiveLimits = defaultArchiveLimits()): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const notZip = () =>
    new ArchiveError(
      'NOT_AN_ARCHIVE',
      '文件不是有效的 ZIP/Office 文档（找不到中央目录）。The file is not a valid ZIP/Office archive (no central directory).',
    );
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ArchiveError(
      'ARCHIVE_UNSUPPORTED',
      'ZIP64 压缩包不被接受（Office 文档不需要）。ZIP64 archives are not accepted; no Office file of an acceptable size needs one.',
    );
  }
  if (count > limits.maxEntries) throw tooMany(count, limits);
  if (cdOffset + cdSize > eocd) throw notZip();
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  while (p < cdOffset + cdSize) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notZip();
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (entries.length + 1 > limits.maxEntries) throw tooMany(entries.length + 1, limits);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new ArchiveError(
        'ARCHIVE_UNSUPPORTED',
        `ZIP64 条目 ${name} 不被接受。ZIP64 entry ${name} is not accepted.`,
      );
    }
    if (method !== 0 && method !== 8)
      throw new ArchiveError(
        'ARCHIVE_UNSUPPORTED',
        `条目 ${name} 使用了不支持的压缩方式 ${method}。Entry ${name} uses compression method ${method}; only stored and deflated are accepted.`,
      );
    if (uncompressedSize > limits.maxEntryBytes) {
      throw new ArchiveError(
        'ARCHIVE_ENTRY_TOO_LARGE',
        `压缩包中的 ${name} 解压后为 ${mb(uncompressedSize)}，超过单个条目上限 ${mb(limits.maxEntryBytes)}。Entry ${name} expands to ${mb(uncompressedSize)}; the limit per entry is ${mb(limits.maxEntryBytes)}.`,
      );
    }
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new ArchiveError(
        'ARCHIVE_TOO_LARGE',
        `压缩包解压后超过 ${mb(limits.maxTotalBytes)}。The archive expands to more than ${mb(limits.maxTotalBytes)} in total (the limit).`,
      );
    }
    if (uncompressedSize > RATIO_FLOOR && uncompressedSize > limits.maxRatio * Math.max(compressedSize, 1)) {
      const ratio = Math.round(uncompressedSize / Math.max(compressedSize, 1));
      throw new ArchiveError(
        'ARCHIVE_RATIO',
        `压缩包中的 ${name} 压缩比为 ${ratio}:1，超过上限 ${limits.maxRatio}:1（疑似压缩炸弹）。Entry ${name} has a compression ratio of ${ratio}:1, above the limit of ${limits.maxRatio}:1 (a likely archive bomb).`,
      );
    }
    const depth = name.replace(/\/$/, '').split('/').length;
    if (depth > limits.maxDepth) {
      throw new ArchiveError(
        'ARCHIVE_TOO_DEEP',
        `压缩包中的路径嵌套 ${depth} 层，超过上限 ${limits.maxDepth}。Entry ${name.slice(0, 80)}… is nested ${depth} folders deep; the limit is ${limits.maxDepth}.`,
      );
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
  }
  return entries;
}

function tooMany(count: number, limits: ArchiveLimits): ArchiveError {
  return new ArchiveError(
    'ARCHIVE_TOO_MANY_ENTRIES',
    `压缩包有 ${count} 个条目，超过上限 ${limits.maxEntries}。The archive has ${count} entries; the limit is ${limits.maxEntries}.`,
  );
}

/** True when the archive holds an entry of exactly this name (Office parts: word/document.xml, xl/workbook.xml). */
export function hasEntry(entries: ZipEntry[], name: string): boolean {
  return entries.some((e) => e.name === name);
}
