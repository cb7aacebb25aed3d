import type { ApiClient, RequestOptions } from './client.js';
import type { Page } from './types.js';

/** The API pages by at most 200 rows; pickers and registers want every row of a short list. */
export const PAGE_MAX = 200;
/** Safety stop: a committee's units and users are far fewer than this many pages. */
export const ALL_PAGES_LIMIT = 20;

export interface AllRows<T> {
  items: T[];
  /** What the service counted; more than items.length only past ALL_PAGES_LIMIT pages. */
  total: number;
}

/**
 * Every row of a list, page after page, so a picker or register never silently stops at the
 * first 200. Stops at the total, at an empty page, or after ALL_PAGES_LIMIT pages (then
 * items.length < total, which the caller can say).
 */
export async function getAllPages<T>(
  api: Pick<ApiClient, 'get'>,
  path: string,
  query: RequestOptions['query'] = {},
): Promise<AllRows<T>> {
  const items: T[] = [];
  let total = 0;
  for (let page = 1; page <= ALL_PAGES_LIMIT; page++) {
    const p = await api.get<Page<T>>(path, { ...query, page, pageSize: PAGE_MAX });
    items.push(...p.items);
    total = p.total;
    if (items.length >= p.total || p.items.length === 0) break;
  }
  return { items, total };
}
