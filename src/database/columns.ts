import type { ValueTransformer } from 'typeorm';

/**
 * Column helpers that behave the same on SQLite and MySQL/MariaDB.
 * Instants are stored as UTC 'datetime' with milliseconds; calendar dates as 'date' strings.
 */
export const TIMESTAMP = { type: 'datetime', precision: 6 } as const;

/** MySQL returns DECIMAL as a string; the domain wants numbers. */
export const decimalToNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** JSON kept in a text column: portable across both engines, read back as an object. */
export const jsonText: ValueTransformer = {
  to: (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v)),
  from: (v: string | null) => (v === null || v === undefined ? null : JSON.parse(v)),
};
