import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadRequestError } from '../errors/app-error.js';
import type { ListQueryDto, Page } from './list-query.dto.js';

/**
 * Applies sort and paging to a query. `sortable` maps the public field names to columns;
 * an unknown sort field is a 400 naming the allowed ones.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto,
  sortable: Record<string, string>,
  defaultSort: string,
): Promise<Page<T>> {
  const { page, pageSize } = orderPage(qb, query, sortable, defaultSort);
  const [items, total] = await qb
    .skip((page - 1) * pageSize)
    .take(pageSize)
    .getManyAndCount();
  return { items, total, page, pageSize };
}

/**
 * The sort of paginate on a query whose joins never repeat a row (many-to-one only), with LIMIT
 * and OFFSET instead of TypeORM's distinct-id subquery; the caller reads the rows and counts.
 */
export function orderPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto,
  sortable: Record<string, string>,
  defaultSort: string,
): { page: number; pageSize: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const sort = query.sort ?? defaultSort;
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  // Own keys only: sort=constructor would otherwise find Object.prototype's function and put its text in ORDER BY.
  const column = Object.hasOwn(sortable, field) ? sortable[field] : undefined;
  if (typeof column !== 'string') {
    throw new BadRequestError(
      'VALIDATION_FAILED',
      `cannot sort by ${field}; allowed: ${Object.keys(sortable).join(', ')}`,
      {
        fields: [{ field: 'sort', problems: [`allowed: ${Object.keys(sortable).join(', ')}`] }],
      },
    );
  }
  const alias = qb.alias;
  qb.orderBy(column, descending ? 'DESC' : 'ASC');
  // A stable tie-breaker keeps pages from overlapping.
  if (column !== `${alias}.id`) qb.addOrderBy(`${alias}.id`, 'ASC');
  return { page, pageSize };
}

/**
 * Escapes LIKE wildcards so a user's % or _ matches literally on both engines. The escape
 * character is '!' because a backslash means different things in MySQL and SQLite literals.
 */
export function likePattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** Append after `column LIKE :param`. */
export const LIKE_ESCAPE = "ESCAPE '!'";
