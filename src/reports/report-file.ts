import type { DownloadFile } from '../common/http/download.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReportFile = DownloadFile & { body: Buffer };

/** Every open task of a query, page by page (the task list caps a page at 200). */
export async function allPages<T>(load: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const p = await load(page);
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}
