/**
 * Life cycle of a task (one duty owed by one unit), kept as data so services, API docs and the
 * UI's buttons read the same table.
 *
 * 交办 assigned → 签收 acknowledged → 办理 in_progress → 提交 submitted → 办结 accepted
 *                                                          ↘ 退回 returned (reason) → in_progress / submitted …
 * Before review the unit may withdraw (撤回) a submission: back to in progress.
 * Any open state → cancelled (the duty no longer applies; reason required). The office may reopen an accepted task
 * (accepted in error: back to the unit as returned, reason required) or a cancelled one.
 *
 * Acknowledging is not a gate: a unit may start or submit straight from 'assigned' (a unit that
 * submits has obviously received the task); the result says so, so the caller can record the
 * acknowledgement time too.
 */

import { type CalendarDate, compareDates, isValidCalendarDate } from '../../common/time/calendar-date.util.js';
import { deepFreeze } from './deep-freeze.util.js';

export const TASK_STATES = [
  'assigned',
  'acknowledged',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
  'cancelled',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_ACTIONS = [
  'acknowledge',
  'start',
  'submit',
  'withdraw',
  'accept',
  'return',
  'cancel',
  'reopen',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** 'system': scheduled jobs, e.g. cancelling tasks of a unit no longer assigned to a goal. */
export type TaskActorRole = 'unit' | 'office' | 'system';

export const TRANSITIONS: Readonly<Record<TaskState, Readonly<Partial<Record<TaskAction, TaskState>>>>> = deepFreeze({
  assigned: { acknowledge: 'acknowledged', start: 'in_progress', submit: 'submitted', cancel: 'cancelled' },
  acknowledged: { start: 'in_progress', submit: 'submitted', cancel: 'cancelled' },
  in_progress: { submit: 'submitted', cancel: 'cancelled' },
  // Submitted is still open: it awaits review, and may stop applying while it waits.
  // Until the office reviews it, the unit may take its submission back (撤回) to change it.
  submitted: { withdraw: 'in_progress', accept: 'accepted', return: 'returned', cancel: 'cancelled' },
  // A returned task goes back to work or is resubmitted directly.
  returned: { start: 'in_progress', submit: 'submitted', cancel: 'cancelled' },
  accepted: { reopen: 'returned' },
  cancelled: { reopen: 'assigned' },
});

export interface TaskActionRule {
  roles: readonly TaskActorRole[];
  reason: 'required' | 'optional';
}

export const TASK_ACTION_RULES: Readonly<Record<TaskAction, Readonly<TaskActionRule>>> = deepFreeze({
  acknowledge: { roles: ['unit'], reason: 'optional' },
  start: { roles: ['unit'], reason: 'optional' },
  submit: { roles: ['unit'], reason: 'optional' },
  withdraw: { roles: ['unit'], reason: 'optional' },
  accept: { roles: ['office'], reason: 'optional' },
  // The unit must learn what to fix.
  return: { roles: ['office'], reason: 'required' },
  // The unit loses a duty it owed: the record says why (as for return).
  cancel: { roles: ['office', 'system'], reason: 'required' },
  // Undoing a decision leaves a trace of why.
  reopen: { roles: ['office'], reason: 'required' },
});

export const TASK_STATE_LABELS: Readonly<Record<TaskState, { 'zh-CN': string; en: string }>> = deepFreeze({
  assigned: { 'zh-CN': '已交办', en: 'Assigned' },
  acknowledged: { 'zh-CN': '已签收', en: 'Acknowledged' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  accepted: { 'zh-CN': '已办结', en: 'Accepted' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
});

// ---------------------------------------------------------------------------------------------
// State sets: the one definition every service, SQL filter and reminder rule reads.
// ---------------------------------------------------------------------------------------------

/** Closed: nothing left to do (accepted or cancelled). Every other state is open. */
export const CLOSED_STATES: readonly TaskState[] = Object.freeze(['accepted', 'cancelled'] as const);
/**
 * Working: the unit still owes the work (交办 … 办理中, or 退回). Only these take progress and files,
 * can be extended, are reminded, and follow the plan when generation or a unit merge cancels.
 */
export const WORKING_STATES: readonly TaskState[] = Object.freeze([
  'assigned',
  'acknowledged',
  'in_progress',
  'returned',
] as const);
/** A submission stands (under review or accepted): the task counts as delivered. */
export const SUBMITTED_STATES: readonly TaskState[] = Object.freeze(['submitted', 'accepted'] as const);

/**
 * How far a task has come (cancelled lowest, accepted highest): on a unit merge the task further
 * along keeps the duty; among reported indicator values the furthest along counts.
 */
export const STATE_PROGRESS_RANK: Readonly<Record<TaskState, number>> = deepFreeze({
  cancelled: 0,
  assigned: 1,
  acknowledged: 2,
  in_progress: 3,
  returned: 4,
  submitted: 5,
  accepted: 6,
});

export function isTaskState(value: unknown): value is TaskState {
  return typeof value === 'string' && (TASK_STATES as readonly string[]).includes(value);
}

export function isTaskAction(value: unknown): value is TaskAction {
  return typeof value === 'string' && (TASK_ACTIONS as readonly string[]).includes(value);
}

/** Open = the unit or the office still has something to do (everything but accepted/cancelled). */
export function isOpenState(state: TaskState): boolean {
  return isTaskState(state) && !CLOSED_STATES.includes(state);
}

/** The unit still owes the work (see WORKING_STATES); false for anything that is not a state. */
export function isWorkingState(state: string): state is TaskState {
  return (WORKING_STATES as readonly string[]).includes(state);
}

/** A submission stands (under review or accepted): the task counts as delivered. */
export function isSubmittedState(state: TaskState): boolean {
  return SUBMITTED_STATES.includes(state);
}

/** The actions a role may take from a state, in TASK_ACTIONS order. */
export function allowedActions(state: TaskState, role: TaskActorRole): TaskAction[] {
  const row = isTaskState(state) ? TRANSITIONS[state] : {};
  return TASK_ACTIONS.filter((action) => row[action] !== undefined && TASK_ACTION_RULES[action].roles.includes(role));
}

// ---------------------------------------------------------------------------------------------
// Who acts on a task: the one rule behind the buttons, the transitions, progress and extensions.
// ---------------------------------------------------------------------------------------------

/** The actor as the lifecycle needs it (the access module's Actor fits). */
export interface TaskActorRef {
  role: 'office' | 'unit';
  unitId: number | null;
}

/** Unit-side deeds that change no state: reporting progress or files (work), asking for more time. */
export type TaskDeed = TaskAction | 'work' | 'request_extension';

const DEED_ROLES: Readonly<Record<Exclude<TaskDeed, TaskAction>, readonly TaskActorRole[]>> = deepFreeze({
  work: ['unit'],
  request_extension: ['unit'],
});

/**
 * The role in which the actor does this deed on the task, or null if it may not. A unit acts as
 * 'unit' on its own tasks only. The office acts as 'office' on every task and, on its own tasks
 * (no unit: it owes that report upward itself), also as the unit — the unit side first, so its
 * submission is recorded as the unit's would be.
 */
export function actingRole(actor: TaskActorRef, task: { unitId: number | null }, deed: TaskDeed): TaskActorRole | null {
  const allowed = isTaskAction(deed) ? TASK_ACTION_RULES[deed].roles : DEED_ROLES[deed];
  const plays: TaskActorRole[] =
    actor.role === 'unit'
      ? actor.unitId !== null && actor.unitId === task.unitId
        ? ['unit']
        : []
      : task.unitId === null
        ? ['unit', 'office']
        : ['office'];
  return plays.find((role) => allowed.includes(role)) ?? null;
}

/** The lifecycle actions the actor may take on the task now, in TASK_ACTIONS order. */
export function actionsOnTask(actor: TaskActorRef, task: { state: TaskState; unitId: number | null }): TaskAction[] {
  const row = isTaskState(task.state) ? TRANSITIONS[task.state] : {};
  return TASK_ACTIONS.filter((action) => row[action] !== undefined && actingRole(actor, task, action) !== null);
}

/** May the actor report progress or files on the task now? FORBIDDEN: not its task; TASK_NOT_EDITABLE: not a working state. */
export function checkWork(
  actor: TaskActorRef,
  task: { state: TaskState; unitId: number | null },
): null | 'FORBIDDEN' | 'TASK_NOT_EDITABLE' {
  if (actingRole(actor, task, 'work') === null) return 'FORBIDDEN';
  return isWorkingState(task.state) ? null : 'TASK_NOT_EDITABLE';
}

export type TransitionError = 'INVALID_TRANSITION' | 'REASON_REQUIRED' | 'FORBIDDEN';

export type TransitionResult =
  | { ok: true; from: TaskState; action: TaskAction; to: TaskState; implicitlyAcknowledged: boolean }
  | { ok: false; error: TransitionError; allowed: TaskAction[] };

/**
 * Checks a move. Errors in order: the move does not exist from this state (INVALID_TRANSITION),
 * the role may not make it (FORBIDDEN), a required reason is missing or blank (REASON_REQUIRED).
 * `allowed` lists what this role could do instead.
 */
export function applyTransition(
  state: TaskState,
  action: TaskAction,
  context: { actorRole: TaskActorRole; reason?: string | null },
): TransitionResult {
  const allowed = allowedActions(state, context.actorRole);
  const to = isTaskState(state) && isTaskAction(action) ? TRANSITIONS[state][action] : undefined;
  if (to === undefined) return { ok: false, error: 'INVALID_TRANSITION', allowed };
  const rule = TASK_ACTION_RULES[action];
  if (!rule.roles.includes(context.actorRole)) return { ok: false, error: 'FORBIDDEN', allowed };
  if (rule.reason === 'required' && (context.reason ?? '').trim() === '') {
    return { ok: false, error: 'REASON_REQUIRED', allowed };
  }
  return {
    ok: true,
    from: state,
    action,
    to,
    implicitlyAcknowledged: state === 'assigned' && (action === 'start' || action === 'submit'),
  };
}

// ---------------------------------------------------------------------------------------------
// Extension requests (延期申请): a separate small life cycle; the task keeps its state meanwhile.
// ---------------------------------------------------------------------------------------------

export type ExtensionRequestState = 'pending' | 'approved' | 'rejected';

export type ExtensionError =
  'TASK_NOT_OPEN' | 'NOT_PENDING' | 'FORBIDDEN' | 'INVALID_DATE' | 'DATE_NOT_LATER' | 'REASON_REQUIRED';

function checkLaterDate(currentDueOn: CalendarDate, newDueOn: unknown): ExtensionError | null {
  if (!isValidCalendarDate(newDueOn)) return 'INVALID_DATE';
  return compareDates(newDueOn, currentDueOn) > 0 ? null : 'DATE_NOT_LATER';
}

/** May a unit ask for this later deadline? The unit must say why. */
export function checkExtensionRequest(input: {
  taskState: TaskState;
  currentDueOn: CalendarDate;
  requestedDueOn: CalendarDate;
  actorRole: TaskActorRole;
  reason?: string | null;
}): { ok: true } | { ok: false; error: ExtensionError } {
  if (input.actorRole !== 'unit') return { ok: false, error: 'FORBIDDEN' };
  // Only while the unit still owes a submission does a later deadline mean something.
  if (!isWorkingState(input.taskState)) return { ok: false, error: 'TASK_NOT_OPEN' };
  const dateError = checkLaterDate(input.currentDueOn, input.requestedDueOn);
  if (dateError) return { ok: false, error: dateError };
  if ((input.reason ?? '').trim() === '') return { ok: false, error: 'REASON_REQUIRED' };
  return { ok: true };
}

export type ExtensionDecisionResult =
  | { ok: true; state: 'approved'; newDueOn: CalendarDate }
  | { ok: true; state: 'rejected' }
  | { ok: false; error: ExtensionError };

/**
 * The office decides a pending request. It may grant a date other than the one asked
 * (`grantedDueOn`); whichever date applies must be after the task's due date *now* (another
 * extension may have moved it since the request). A rejection needs a reason.
 */
export function decideExtension(input: {
  requestState: ExtensionRequestState;
  taskState: TaskState;
  currentDueOn: CalendarDate;
  requestedDueOn: CalendarDate;
  decision: 'approve' | 'reject';
  actorRole: TaskActorRole;
  grantedDueOn?: CalendarDate | null;
  reason?: string | null;
}): ExtensionDecisionResult {
  if (input.actorRole !== 'office') return { ok: false, error: 'FORBIDDEN' };
  if (input.requestState !== 'pending') return { ok: false, error: 'NOT_PENDING' };
  if (input.decision === 'reject') {
    if ((input.reason ?? '').trim() === '') return { ok: false, error: 'REASON_REQUIRED' };
    return { ok: true, state: 'rejected' };
  }
  if (!isWorkingState(input.taskState)) return { ok: false, error: 'TASK_NOT_OPEN' };
  const newDueOn = input.grantedDueOn ?? input.requestedDueOn;
  const dateError = checkLaterDate(input.currentDueOn, newDueOn);
  if (dateError) return { ok: false, error: dateError };
  return { ok: true, state: 'approved', newDueOn };
}

// ---------------------------------------------------------------------------------------------
// Per-item progress a unit marks on each goal or measure it carries.
// ---------------------------------------------------------------------------------------------

export const ITEM_PROGRESS = ['not_started', 'on_track', 'at_risk', 'done'] as const;
export type ItemProgress = (typeof ITEM_PROGRESS)[number];

export const ITEM_PROGRESS_LABELS: Readonly<Record<ItemProgress, { 'zh-CN': string; en: string }>> = deepFreeze({
  not_started: { 'zh-CN': '未启动', en: 'Not started' },
  on_track: { 'zh-CN': '正常推进', en: 'On track' },
  at_risk: { 'zh-CN': '存在风险', en: 'At risk' },
  done: { 'zh-CN': '已完成', en: 'Done' },
});

export function isItemProgress(value: unknown): value is ItemProgress {
  return typeof value === 'string' && (ITEM_PROGRESS as readonly string[]).includes(value);
}
