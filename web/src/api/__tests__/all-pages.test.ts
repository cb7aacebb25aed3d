import { describe, expect, it } from 'vitest';
import { ALL_PAGES_LIMIT, getAllPages, PAGE_MAX } from '../all-pages.js';
import type { Page } from '../types.js';

/** A list of `total` numbered rows served page by page, recording what was asked. */
function serve(total: number, { shortBy = 0 } = {}) {
  const asked: Array<Record<string, unknown>> = [];
  const api = {
    get: async <T>(path: string, query?: Record<string, unknown>): Promise<T> => {
      asked.push({ path, ...query });
      const page = Number(query?.page);
      const size = Number(query?.pageSize);
      const start = (page - 1) * size;
      const end = Math.min(total - shortBy, start + size);
      const items = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i + 1);
      return { items, total, page, pageSize: size } satisfies Page<number> as T;
    },
  };
  return { api, asked };
}

describe('getAllPages', () => {
  it('reads one page when the list fits, keeping the filters', async () => {
    const { api, asked } = serve(45);
    const all = await getAllPages<number>(api, '/units', { q: '教育', sort: 'name' });
    expect(all.items).toHaveLength(45);
    expect(all.total).toBe(45);
    expect(asked).toEqual([{ path: '/units', q: '教育', sort: 'name', page: 1, pageSize: PAGE_MAX }]);
  });

  it('goes on past the first 200 rows until the total', async () => {
    const { api, asked } = serve(431);
    const all = await getAllPages<number>(api, '/users');
    expect(all.items).toEqual(Array.from({ length: 431 }, (_, i) => i + 1));
    expect(asked.map((a) => a.page)).toEqual([1, 2, 3]);
  });

  it('stops at an empty page when rows vanish while reading (items < total tells)', async () => {
    const { api, asked } = serve(250, { shortBy: 60 });
    const all = await getAllPages<number>(api, '/users');
    expect(all.items).toHaveLength(190);
    expect(all.total).toBe(250);
    expect(asked.map((a) => a.page)).toEqual([1, 2]);
  });

  it('reads at most ALL_PAGES_LIMIT pages', async () => {
    const { api, asked } = serve(PAGE_MAX * ALL_PAGES_LIMIT + 5);
    const all = await getAllPages<number>(api, '/units');
    expect(asked).toHaveLength(ALL_PAGES_LIMIT);
    expect(all.items.length).toBeLessThan(all.total);
  });

  it('an empty list is one request', async () => {
    const { api, asked } = serve(0);
    expect(await getAllPages<number>(api, '/units')).toEqual({ items: [], total: 0 });
    expect(asked).toHaveLength(1);
  });
});
