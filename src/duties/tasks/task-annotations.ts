import { Injectable } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { TaskCondition } from '../reminders/remindable-task.js';

/** The highest escalation step actually taken for a task's current due date, and the day it was taken. */
export interface TaskEscalationMark {
  level: 'urge' | 'supervise';
  /** Committee-local 'YYYY-MM-DD'. */
  on: string;
}

export const ESCALATION_FILTERS = ['none', 'urge', 'supervise'] as const;
/** 'none': no step taken (or every step withdrawn); 'urge': urged, not (yet) supervised; 'supervise': supervised. */
export type EscalationFilter = (typeof ESCALATION_FILTERS)[number];

/** What the module that owns the escalation steps (notifications) answers about tasks. */
export interface TaskEscalationProvider {
  /** One read for the whole page: tasks without a step are absent from the map. */
  marks(
    tasks: ReadonlyArray<{ id: number; dueOn: string }>,
    em?: EntityManager,
  ): Promise<Map<number, TaskEscalationMark>>;
  /** A condition on the task query (alias `task`) selecting the tasks whose highest step is `filter`. */
  condition(filter: EscalationFilter, committeeId: number, em?: EntityManager): Promise<TaskCondition>;
}

/**
 * Where other modules annotate the task list and detail. The duties module cannot depend on
 * notifications (which owns task_escalation and depends on duties), so notifications registers
 * its provider here on module init. Without a provider (a context without notifications) every
 * task reads as not escalated and the filter 'none' matches all.
 */
@Injectable()
export class TaskListAnnotations {
  private escalation?: TaskEscalationProvider;

  provideEscalation(provider: TaskEscalationProvider): void {
    this.escalation = provider;
  }

  async escalations(
    tasks: ReadonlyArray<{ id: number; dueOn: string }>,
    em?: EntityManager,
  ): Promise<Map<number, TaskEscalationMark>> {
    if (!this.escalation || tasks.length === 0) return new Map();
    return this.escalation.marks(tasks, em);
  }

  async escalationCondition(
    filter: EscalationFilter | undefined,
    committeeId: number,
    em?: EntityManager,
  ): Promise<TaskCondition | undefined> {
    if (!filter) return undefined;
    if (!this.escalation) return filter === 'none' ? undefined : { sql: '1 = 0', params: {} };
    return this.escalation.condition(filter, committeeId, em);
  }
}

/** Adds a TaskCondition to a query over the `task` alias. */
export function applyTaskCondition<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  condition: TaskCondition | undefined,
): SelectQueryBuilder<T> {
  if (!condition) return qb;
  for (const j of condition.leftJoins ?? []) qb.leftJoin(j.entity, j.alias, j.on);
  return qb.andWhere(`(${condition.sql})`, condition.params);
}
