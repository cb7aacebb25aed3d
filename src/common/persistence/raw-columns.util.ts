import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/**
 * An entity's columns read as raw rows, for hot lists: TypeORM's entity hydration (alias maps,
 * join trees, a transformer pass per row) costs far more than the query on a 50-row page. The
 * values still go through the driver's own conversion (dates, booleans, transformers), so a row
 * reads exactly as the entity would, with the columns in the entity's order and nothing else.
 */
export class RawColumns<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
    /** Prefix of the select aliases, unique within one query. */
    private readonly prefix: string,
    only?: readonly (keyof T & string)[],
  ) {
    const all = dataSource.getMetadata(entity).columns.filter((c) => !c.isVirtual && !c.embeddedMetadata);
    this.columns = only ? only.map((name) => all.find((c) => c.propertyName === name)!) : all;
    if (this.columns.some((c) => !c)) throw new Error(`RawColumns: unknown column in ${String(only)}`);
  }

  /** Adds the columns of `alias` to the query's selection. */
  select<Q extends ObjectLiteral>(qb: SelectQueryBuilder<Q>, alias: string): SelectQueryBuilder<Q> {
    this.columns.forEach((c, i) => qb.addSelect(`${alias}.${c.propertyPath}`, `${this.prefix}${i}`));
    return qb;
  }

  /** The entity's values from one raw row; null when the row has none (a left join that found nothing). */
  read(row: Record<string, unknown>): T | null {
    const driver = this.dataSource.driver;
    const out: Record<string, unknown> = {};
    let found = false;
    this.columns.forEach((c, i) => {
      const value = row[`${this.prefix}${i}`];
      if (value !== null && value !== undefined) found = true;
      out[c.propertyName] = driver.prepareHydratedValue(value, c);
    });
    return found ? (out as T) : null;
  }
}
