/**
 * SQL forms of the task status, generated from STATUS_RULES (task-status.ts) so SQL and
 * TypeScript cannot drift apart: conditions for WHERE and SUM(CASE …), and CASE expressions that
 * yield the status or light of a row. The caller names the columns (any alias, e.g. a subquery's)
 * and the bound parameters holding the StatusDates; statusSqlParameters gives their values.
 * test/e2e/task-status-sql.e2e-spec.ts runs them on both engines against every state × date case.
 */

import type { TaskState } from './task-lifecycle.js';
import { STATUS_RULES, type StatusDates, type StatusRule, type TaskStatus, type TrafficLight } from './task-status.js';

export type SqlEngine = 'sqlite' | 'mysql';

/** Column expressions of a task row. */
export interface StatusSqlColumns {
  state: string;
  dueOn: string;
  submittedOn: string;
}

/** Parameter names (without the colon) bound to the StatusDates. */
export type StatusSqlParamNames = Record<keyof StatusDates, string>;

export const DEFAULT_STATUS_PARAMS: StatusSqlParamNames = Object.freeze({
  today: 'stToday',
  soon: 'stSoon',
  redBefore: 'stRedBefore',
});

/** The parameter values for a query using these names. */
export function statusSqlParameters(
  dates: StatusDates,
  names: StatusSqlParamNames = DEFAULT_STATUS_PARAMS,
): Record<string, string> {
  return { [names.today]: dates.today, [names.soon]: dates.soon, [names.redBefore]: dates.redBefore };
}

/** `state IN ('a', 'b')`: the states are the lifecycle's own constants, never user input. */
export function stateInSql(column: string, states: readonly TaskState[]): string {
  if (states.some((s) => !/^[a-z_]+$/.test(s))) throw new Error(`not a state name: ${states.join(', ')}`);
  return states.length === 1
    ? `${column} = '${states[0]}'`
    : `${column} IN (${states.map((s) => `'${s}'`).join(', ')})`;
}

function ruleSql(rule: StatusRule, c: StatusSqlColumns, p: StatusSqlParamNames): string {
  const parts = [stateInSql(c.state, rule.states)];
  if (rule.submission) parts.push(`COALESCE(${c.submittedOn}, :${p.today}) ${rule.submission} ${c.dueOn}`);
  for (const [op, point] of rule.due ?? []) parts.push(`${c.dueOn} ${op} :${p[point]}`);
  return parts.join(' AND ');
}

/** Condition: the row has this status (and light, when given). */
export function statusConditionSql(
  status: TaskStatus,
  c: StatusSqlColumns,
  p: StatusSqlParamNames = DEFAULT_STATUS_PARAMS,
  light?: TrafficLight,
): string {
  const rules = STATUS_RULES.filter((r) => r.status === status && (light === undefined || r.light === light));
  if (rules.length === 0) return '1 = 0';
  return rules.length === 1
    ? `(${ruleSql(rules[0]!, c, p)})`
    : `(${rules.map((r) => `(${ruleSql(r, c, p)})`).join(' OR ')})`;
}

/** Condition: the row shows this light. */
export function lightConditionSql(
  light: TrafficLight,
  c: StatusSqlColumns,
  p: StatusSqlParamNames = DEFAULT_STATUS_PARAMS,
): string {
  const rules = STATUS_RULES.filter((r) => r.light === light);
  return `(${rules.map((r) => `(${ruleSql(r, c, p)})`).join(' OR ')})`;
}

/** CASE yielding the row's status (NULL for a value that is not a task state). */
export function statusCaseSql(c: StatusSqlColumns, p: StatusSqlParamNames = DEFAULT_STATUS_PARAMS): string {
  return `CASE ${STATUS_RULES.map((r) => `WHEN ${ruleSql(r, c, p)} THEN '${r.status}'`).join(' ')} END`;
}

/** CASE yielding the row's light. */
export function lightCaseSql(c: StatusSqlColumns, p: StatusSqlParamNames = DEFAULT_STATUS_PARAMS): string {
  return `CASE ${STATUS_RULES.map((r) => `WHEN ${ruleSql(r, c, p)} THEN '${r.light}'`).join(' ')} END`;
}

/** Whole calendar days from b to a (a − b), both dates or date parameters. */
export function daysBetweenSql(engine: SqlEngine, a: string, b: string): string {
  return engine === 'sqlite' ? `CAST(julianday(${a}) - julianday(${b}) AS INTEGER)` : `DATEDIFF(${a}, ${b})`;
}

/** CASE yielding the row's days late (done_late: at submission; overdue: so far), else 0 — computeTaskStatus's daysLate. */
export function daysLateSql(
  engine: SqlEngine,
  c: StatusSqlColumns,
  p: StatusSqlParamNames = DEFAULT_STATUS_PARAMS,
): string {
  return (
    `CASE WHEN ${statusConditionSql('done_late', c, p)} THEN ${daysBetweenSql(engine, `COALESCE(${c.submittedOn}, :${p.today})`, c.dueOn)} ` +
    `WHEN ${statusConditionSql('overdue', c, p)} THEN ${daysBetweenSql(engine, `:${p.today}`, c.dueOn)} ELSE 0 END`
  );
}
