import { fork, type Serializable } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ErrorCode } from '../i18n/error-codes.js';
import { officeLimits } from '../../config/app-config.js';
import { configDefaults } from '../../config/config-defaults.js';
import { ArchiveError, inspectZip, type ArchiveLimits } from './zip-inspect.js';

export interface OfficeLimits extends ArchiveLimits {
  /** Element nesting in any XML part (100 000 nested w:sdt took mammoth seconds). */
  maxXmlDepth: number;
  /** Heap of the process that parses; past it that process dies, not the service. */
  workerHeapMegabytes: number;
  timeoutSeconds: number;
}

/** The configuration's limits (limits.office in config/default.yaml, their one home), read when first needed. */
export function defaultOfficeLimits(): OfficeLimits {
  return officeLimits(configDefaults());
}

/** A refused or unreadable Office file; `code` names the problem, `message` says it to the user. */
export class OfficeFileError extends Error {
  override readonly name = 'OfficeFileError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

type WorkerResult =
  { ok: true; text?: string; table?: string[][] } | { ok: false; code: string; message: string; details: unknown };

/** At most this many parses at once: each may hold its heap limit. */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runWorker(data: unknown, limits: OfficeLimits): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./office-parse.worker.mjs', import.meta.url)), [], {
      execArgv: [`--max-old-space-size=${limits.workerHeapMegabytes}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      if (child.exitCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () =>
        done(() =>
          reject(
            new OfficeFileError(
              'DOCUMENT_TOO_COMPLEX',
              `the file took longer than ${limits.timeoutSeconds} s to read; it was not imported`,
            ),
          ),
        ),
      limits.timeoutSeconds * 1000,
    );
    child.once('message', (result: WorkerResult) => done(() => resolve(result)));
    child.once('error', (error) => done(() => reject(error)));
    // 'close', not 'exit': 'exit' can come before the child's last message has been read from the
    // IPC channel (the child sends its result, then exits), which would refuse a good file.
    child.once('close', (code, signal) =>
      done(() =>
        /heap out of memory|Reached heap limit/i.test(stderr)
          ? reject(
              new OfficeFileError(
                'DOCUMENT_TOO_COMPLEX',
                `reading the file needed more than ${limits.workerHeapMegabytes} MB of memory; it was not imported`,
              ),
            )
          : reject(new Error(`office parser process exited (code ${code}, signal ${signal}): ${stderr.slice(0, 500)}`)),
      ),
    );
    child.send(data as Serializable);
  });
}

/**
 * Checks the archive on this thread (central directory only, cheap), then inflates and parses it
 * in a child process with a heap limit and a time limit, so health checks and other requests
 * keep being answered. Throws OfficeFileError (ArchiveError is converted) for bad files.
 */
export async function parseOfficeFile(
  kind: 'docx',
  bytes: Uint8Array,
  limits?: OfficeLimits,
): Promise<{ text: string }>;
export async function parseOfficeFile(
  kind: 'xlsx',
  bytes: Uint8Array,
  limits?: OfficeLimits,
  columns?: number,
): Promise<{ table: string[][] }>;
export async function parseOfficeFile(
  kind: 'docx' | 'xlsx',
  bytes: Uint8Array,
  limits: OfficeLimits = defaultOfficeLimits(),
  columns = 5,
): Promise<{ text?: string; table?: string[][] }> {
  let entries;
  try {
    entries = inspectZip(bytes, limits);
  } catch (error) {
    if (error instanceof ArchiveError) throw new OfficeFileError(error.code, error.message);
    throw error;
  }
  const result = await slot(() =>
    runWorker(
      {
        kind,
        bytes,
        entries,
        limits: { maxTotalBytes: limits.maxTotalBytes, maxXmlDepth: limits.maxXmlDepth, columns },
      },
      limits,
    ),
  );
  // The worker answers with codes of the same list (common/i18n/error-codes.ts).
  if (!result.ok) throw new OfficeFileError(result.code as ErrorCode, result.message, result.details);
  return result;
}
