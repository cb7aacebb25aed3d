import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync, type ReadStream } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { APP_CONFIG } from '../../config/config.module.js';
import { officeLimits, type AppConfig } from '../../config/app-config.js';
import {
  ArchiveError,
  defaultArchiveLimits,
  hasEntry,
  inspectZip,
  type ArchiveLimits,
} from '../../common/office/zip-inspect.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { AppError, BadRequestError, NotFoundError } from '../../common/errors/app-error.js';
import { TaskItem } from '../entities/task-item.entity.js';
import { Attachment } from '../entities/attachment.entity.js';
import type { Actor } from '../../access/actor.js';
import { TaskQueryService } from '../tasks/task-query.service.js';
import { recordTaskEvent } from '../events/task-event.writer.js';
import { actingRole } from '../domain/task-lifecycle.js';
import { assertWorkable } from './task-items.service.js';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Content types by extension: what we serve the file as, whatever the browser claimed. */
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
  ofd: 'application/ofd',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** What the first bytes must be, so a renamed executable does not pass as a report. */
const MAGIC: Record<string, number[][]> = {
  pdf: [[0x25, 0x50, 0x44, 0x46]],
  png: [[0x89, 0x50, 0x4e, 0x47]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  zip: [ZIP],
  docx: [ZIP],
  xlsx: [ZIP],
  pptx: [ZIP],
  ofd: [ZIP],
  doc: [OLE],
  xls: [OLE],
  ppt: [OLE],
  wps: [OLE],
  et: [OLE],
};
const TEXT = new Set(['txt', 'csv']);
/** The part that makes a ZIP archive this kind of Office file (an .xlsx renamed .docx lacks word/document.xml). */
const OFFICE_PART: Record<string, string> = {
  docx: 'word/document.xml',
  xlsx: 'xl/workbook.xml',
  pptx: 'ppt/presentation.xml',
};
/** Executables hidden behind a harmless header (a PE's DOS stub, ELF). */
const EXECUTABLE_SIGNATURES = [
  Buffer.from('This program cannot be run in DOS mode'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01]),
];

/**
 * The first bytes against the declared type, then the container: Office files are ZIP archives
 * within the archive limits holding their main part; a PDF ends with %%EOF; nothing carries an
 * executable. Null when the file passes, else what is wrong.
 */
export function contentCheck(
  ext: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = defaultArchiveLimits(),
): string | null {
  if (bytes.length === 0) return 'the file is empty';
  const magic = MAGIC[ext];
  if (magic && !magic.some((m) => m.every((b, i) => bytes[i] === b))) return `the content is not a .${ext} file`;
  if (TEXT.has(ext) && bytes.subarray(0, 8192).includes(0)) return `the content is not text`;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (EXECUTABLE_SIGNATURES.some((sig) => buf.includes(sig))) return 'the file contains an executable program';
  if (ext === 'pdf' && !buf.subarray(Math.max(0, buf.length - 1024)).includes('%%EOF'))
    return 'the content is not a complete PDF (no %%EOF trailer)';
  if (magic?.includes(ZIP)) {
    let entries;
    try {
      entries = inspectZip(
        bytes,
        OFFICE_PART[ext] ? limits : { ...limits, maxTotalBytes: Infinity, maxEntryBytes: Infinity, maxRatio: Infinity },
      );
    } catch (error) {
      if (error instanceof ArchiveError) return error.message;
      throw error;
    }
    const part = OFFICE_PART[ext];
    if (part && !hasEntry(entries, part)) return `the content is not a .${ext} file (the archive has no ${part})`;
  }
  return null;
}

/** Multer (busboy) reads part headers as latin1 unless told; a UTF-8 name arrives garbled. */
function cleanFileName(name: string): string {
  let fixed = name;
  if (/[\u0080-\u00ff]/.test(name) && !/[^\u0000-\u00ff]/.test(name)) {
    const decoded = Buffer.from(name, 'latin1').toString('utf8');
    if (!decoded.includes('\ufffd')) fixed = decoded;
  }
  return (
    basename(fixed.replace(/\\/g, '/'))
      .replace(/[\u0000-\u001f"]/g, '')
      .slice(0, 255) || 'file'
  );
}

/** Files units attach to their work: size and type limits from config, bytes under data/attachments/<sha256>. */
@Injectable()
export class AttachmentsService {
  private readonly dir: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tasks: TaskQueryService,
  ) {
    this.dir = resolve(config.duties.attachments.dir);
  }

  get maxBytes(): number {
    return this.config.duties.attachments.maxMegabytes * 1024 * 1024;
  }

  async upload(
    taskId: number,
    file: UploadedFile | undefined,
    itemId: number | undefined,
    actor: Actor,
  ): Promise<Attachment> {
    if (!file)
      throw new BadRequestError('VALIDATION_FAILED', 'send the file as multipart/form-data field "file"', {
        fields: [{ field: 'file', problems: ['required'] }],
      });
    const task = await this.tasks.get(taskId, actor);
    assertWorkable(task, actor, 'attach files');
    if (itemId !== undefined && !(await this.dataSource.getRepository(TaskItem).existsBy({ id: itemId, taskId })))
      throw new NotFoundError('TaskItem', itemId);
    const fileName = cleanFileName(file.originalname);
    const ext = extname(fileName).slice(1).toLowerCase();
    const allowed = this.config.duties.attachments.allowedExtensions;
    if (!allowed.includes(ext)) {
      throw new AppError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `.${ext || '(none)'} files are not accepted; allowed: ${allowed.join(', ')}`,
        { fileName, allowed },
      );
    }
    if (file.size > this.maxBytes)
      throw new AppError(
        413,
        'PAYLOAD_TOO_LARGE',
        `the file is larger than ${this.config.duties.attachments.maxMegabytes} MB`,
      );
    const problem = contentCheck(ext, file.buffer, officeLimits(this.config));
    if (problem) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `${fileName}: ${problem}`, { fileName });

    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    this.store(sha256, file.buffer);
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const result = await em.insert(Attachment, {
        taskId,
        itemId: itemId ?? null,
        fileName,
        contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
        size: file.buffer.length,
        sha256,
        uploadedBy: actor.name,
        uploadedAt: now,
      });
      const id = Number(result.identifiers[0]!.id);
      await recordTaskEvent(em, {
        taskId,
        at: now,
        actor: actor.name,
        actorRole: actingRole(actor, task, 'work') ?? actor.role,
        action: 'attach',
        fromState: null,
        toState: null,
        reason: null,
        details: { attachmentId: id, fileName, size: file.buffer.length },
      });
      return em.findOneByOrFail(Attachment, { id });
    });
  }

  async list(taskId: number, actor: Actor): Promise<Attachment[]> {
    await this.tasks.get(taskId, actor, undefined, 'read');
    return this.dataSource.getRepository(Attachment).find({ where: { taskId }, order: { id: 'ASC' } });
  }

  async open(
    taskId: number,
    attachmentId: number,
    actor: Actor,
  ): Promise<{ attachment: Attachment; stream: ReadStream }> {
    await this.tasks.get(taskId, actor, undefined, 'read');
    const attachment = await this.dataSource.getRepository(Attachment).findOneBy({ id: attachmentId, taskId });
    if (!attachment) throw new NotFoundError('Attachment', attachmentId);
    const path = this.pathOf(attachment.sha256);
    if (!existsSync(path))
      throw new AppError(410, 'FILE_MISSING', `the file of attachment ${attachmentId} is missing from storage`);
    return { attachment, stream: createReadStream(path) };
  }

  async remove(taskId: number, attachmentId: number, actor: Actor): Promise<void> {
    const task = await this.tasks.get(taskId, actor);
    assertWorkable(task, actor, 'remove files');
    const repo = this.dataSource.getRepository(Attachment);
    const attachment = await repo.findOneBy({ id: attachmentId, taskId });
    if (!attachment) throw new NotFoundError('Attachment', attachmentId);
    await this.dataSource.transaction(async (em) => {
      await em.delete(Attachment, { id: attachmentId });
      await recordTaskEvent(em, {
        taskId,
        at: this.clock.now(),
        actor: actor.name,
        actorRole: actingRole(actor, task, 'work') ?? actor.role,
        action: 'detach',
        fromState: null,
        toState: null,
        reason: null,
        details: { attachmentId, fileName: attachment.fileName },
      });
    });
    // The same bytes may back other attachments (stored once by hash).
    if (!(await repo.existsBy({ sha256: attachment.sha256 }))) rmSync(this.pathOf(attachment.sha256), { force: true });
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256);
  }

  private store(sha256: string, bytes: Buffer): void {
    const path = this.pathOf(sha256);
    if (existsSync(path)) return;
    mkdirSync(this.dir, { recursive: true });
    // Write then rename: a reader never sees half a file.
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  }
}
