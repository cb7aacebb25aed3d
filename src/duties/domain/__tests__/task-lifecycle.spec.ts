import { describe, it, expect } from '@jest/globals';
import {
  ITEM_PROGRESS,
  TASK_ACTIONS,
  TASK_STATES,
  TRANSITIONS,
  type TaskAction,
  type TaskActorRole,
  type TaskState,
  allowedActions,
  applyTransition,
  checkExtensionRequest,
  decideExtension,
  isItemProgress,
  isOpenState,
  isSubmittedState,
} from '../task-lifecycle.js';

// The expected table, written out independently of TRANSITIONS: [from, action, roles, to].
const ALLOWED: [TaskState, TaskAction, TaskActorRole[], TaskState][] = [
  ['assigned', 'acknowledge', ['unit'], 'acknowledged'],
  ['assigned', 'start', ['unit'], 'in_progress'],
  ['assigned', 'submit', ['unit'], 'submitted'],
  ['assigned', 'cancel', ['office', 'system'], 'cancelled'],
  ['acknowledged', 'start', ['unit'], 'in_progress'],
  ['acknowledged', 'submit', ['unit'], 'submitted'],
  ['acknowledged', 'cancel', ['office', 'system'], 'cancelled'],
  ['in_progress', 'submit', ['unit'], 'submitted'],
  ['in_progress', 'cancel', ['office', 'system'], 'cancelled'],
  ['submitted', 'withdraw', ['unit'], 'in_progress'],
  ['submitted', 'accept', ['office'], 'accepted'],
  ['submitted', 'return', ['office'], 'returned'],
  ['submitted', 'cancel', ['office', 'system'], 'cancelled'],
  ['returned', 'start', ['unit'], 'in_progress'],
  ['returned', 'submit', ['unit'], 'submitted'],
  ['returned', 'cancel', ['office', 'system'], 'cancelled'],
  ['accepted', 'reopen', ['office'], 'returned'],
  ['cancelled', 'reopen', ['office'], 'assigned'],
];
const ROLES: TaskActorRole[] = ['unit', 'office', 'system'];

describe('task transitions', () => {
  it.each(ALLOWED)('%s --%s--> by %j → %s', (from, action, roles, to) => {
    for (const role of roles) {
      const result = applyTransition(from, action, { actorRole: role, reason: 'because' });
      expect(result).toMatchObject({ ok: true, from, action, to });
    }
    for (const role of ROLES.filter((r) => !roles.includes(r))) {
      const result = applyTransition(from, action, { actorRole: role, reason: 'because' });
      expect(result).toEqual({ ok: false, error: 'FORBIDDEN', allowed: allowedActions(from, role) });
    }
  });

  it('the table in code matches the expected table exactly', () => {
    const fromCode: string[] = [];
    for (const state of TASK_STATES) {
      for (const action of TASK_ACTIONS) {
        const to = TRANSITIONS[state][action];
        if (to) fromCode.push(`${state} ${action} ${to}`);
      }
    }
    expect(fromCode.sort()).toEqual(ALLOWED.map(([f, a, , t]) => `${f} ${a} ${t}`).sort());
  });

  it('every other (state, action) pair is INVALID_TRANSITION for every role', () => {
    const allowedPairs = new Set(ALLOWED.map(([f, a]) => `${f} ${a}`));
    let checked = 0;
    for (const state of TASK_STATES) {
      for (const action of TASK_ACTIONS) {
        if (allowedPairs.has(`${state} ${action}`)) continue;
        for (const role of ROLES) {
          expect(applyTransition(state, action, { actorRole: role, reason: 'x' })).toEqual({
            ok: false,
            error: 'INVALID_TRANSITION',
            allowed: allowedActions(state, role),
          });
          checked++;
        }
      }
    }
    expect(checked).toBe((7 * 8 - ALLOWED.length) * 3); // 7 states × 8 actions
  });

  it('forbidden and invalid moves list what the role may do instead', () => {
    expect(applyTransition('submitted', 'accept', { actorRole: 'unit' })).toEqual({
      ok: false,
      error: 'FORBIDDEN',
      allowed: ['withdraw'],
    });
    expect(applyTransition('in_progress', 'submit', { actorRole: 'office' })).toEqual({
      ok: false,
      error: 'FORBIDDEN',
      allowed: ['cancel'],
    });
    expect(applyTransition('submitted', 'accept', { actorRole: 'system' })).toEqual({
      ok: false,
      error: 'FORBIDDEN',
      allowed: ['cancel'],
    });
    expect(applyTransition('assigned', 'cancel', { actorRole: 'unit' })).toEqual({
      ok: false,
      error: 'FORBIDDEN',
      allowed: ['acknowledge', 'start', 'submit'],
    });
    expect(applyTransition('in_progress', 'accept', { actorRole: 'office' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: ['cancel'],
    });
    expect(applyTransition('accepted', 'cancel', { actorRole: 'office' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: ['reopen'],
    });
    expect(applyTransition('accepted', 'submit', { actorRole: 'unit' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: [],
    });
    expect(applyTransition('acknowledged', 'acknowledge', { actorRole: 'unit' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: ['start', 'submit'],
    });
  });

  it('return, cancel and reopen need a non-blank reason', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(applyTransition('submitted', 'return', { actorRole: 'office', reason })).toEqual({
        ok: false,
        error: 'REASON_REQUIRED',
        allowed: ['accept', 'return', 'cancel'],
      });
      expect(applyTransition('accepted', 'reopen', { actorRole: 'office', reason })).toMatchObject({
        ok: false,
        error: 'REASON_REQUIRED',
      });
      expect(applyTransition('in_progress', 'cancel', { actorRole: 'office', reason })).toEqual({
        ok: false,
        error: 'REASON_REQUIRED',
        allowed: ['cancel'],
      });
      expect(applyTransition('in_progress', 'cancel', { actorRole: 'system', reason })).toMatchObject({
        ok: false,
        error: 'REASON_REQUIRED',
      });
    }
    expect(
      applyTransition('submitted', 'return', { actorRole: 'office', reason: '数据口径与监测方案不一致' }),
    ).toMatchObject({ ok: true, to: 'returned' });
    expect(
      applyTransition('in_progress', 'cancel', { actorRole: 'system', reason: '该单位不再承担相关目标' }),
    ).toMatchObject({ ok: true, to: 'cancelled' });
  });

  it('starting or submitting straight from assigned acknowledges implicitly', () => {
    expect(applyTransition('assigned', 'submit', { actorRole: 'unit' })).toEqual({
      ok: true,
      from: 'assigned',
      action: 'submit',
      to: 'submitted',
      implicitlyAcknowledged: true,
    });
    expect(applyTransition('assigned', 'start', { actorRole: 'unit' })).toMatchObject({ implicitlyAcknowledged: true });
    expect(applyTransition('assigned', 'acknowledge', { actorRole: 'unit' })).toMatchObject({
      implicitlyAcknowledged: false,
    });
    expect(applyTransition('assigned', 'cancel', { actorRole: 'office', reason: '重复交办' })).toMatchObject({
      implicitlyAcknowledged: false,
    });
    expect(applyTransition('acknowledged', 'submit', { actorRole: 'unit' })).toMatchObject({
      implicitlyAcknowledged: false,
    });
  });

  it('a full path with a return and a resubmission', () => {
    const steps: [TaskAction, TaskActorRole, string?][] = [
      ['acknowledge', 'unit'],
      ['start', 'unit'],
      ['submit', 'unit'],
      ['return', 'office', '缺少下一年工作安排'],
      ['submit', 'unit'],
      ['accept', 'office'],
    ];
    let state: TaskState = 'assigned';
    const seen: TaskState[] = [state];
    for (const [action, actorRole, reason] of steps) {
      const result = applyTransition(state, action, { actorRole, reason });
      if (!result.ok) throw new Error(`${state} ${action}: ${result.error}`);
      state = result.to;
      seen.push(state);
    }
    expect(seen).toEqual(['assigned', 'acknowledged', 'in_progress', 'submitted', 'returned', 'submitted', 'accepted']);
  });

  it('a unit withdraws its submission before review, changes it and submits again', () => {
    const steps: [TaskAction, TaskActorRole][] = [
      ['submit', 'unit'],
      ['withdraw', 'unit'],
      ['submit', 'unit'],
      ['accept', 'office'],
    ];
    let state: TaskState = 'in_progress';
    const seen: TaskState[] = [state];
    for (const [action, actorRole] of steps) {
      const result = applyTransition(state, action, { actorRole });
      if (!result.ok) throw new Error(`${state} ${action}: ${result.error}`);
      state = result.to;
      seen.push(state);
    }
    expect(seen).toEqual(['in_progress', 'submitted', 'in_progress', 'submitted', 'accepted']);
    // Once reviewed, it is the office's decision: no withdrawing an accepted or returned task.
    expect(applyTransition('accepted', 'withdraw', { actorRole: 'unit' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: [],
    });
    expect(applyTransition('returned', 'withdraw', { actorRole: 'unit' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: ['start', 'submit'],
    });
    expect(applyTransition('submitted', 'withdraw', { actorRole: 'office' })).toEqual({
      ok: false,
      error: 'FORBIDDEN',
      allowed: ['accept', 'return', 'cancel'],
    });
  });

  it('unknown values at runtime are invalid, not crashes', () => {
    expect(applyTransition('archived' as TaskState, 'submit', { actorRole: 'unit' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: [],
    });
    expect(applyTransition('assigned', 'approve' as TaskAction, { actorRole: 'office' })).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowed: ['cancel'],
    });
  });

  it('allowedActions per role', () => {
    expect(allowedActions('assigned', 'unit')).toEqual(['acknowledge', 'start', 'submit']);
    expect(allowedActions('assigned', 'office')).toEqual(['cancel']);
    expect(allowedActions('submitted', 'office')).toEqual(['accept', 'return', 'cancel']);
    expect(allowedActions('submitted', 'unit')).toEqual(['withdraw']);
    expect(allowedActions('returned', 'unit')).toEqual(['start', 'submit']);
    expect(allowedActions('cancelled', 'system')).toEqual([]);
    expect(allowedActions('cancelled', 'office')).toEqual(['reopen']);
  });

  it('open and submitted states', () => {
    expect(TASK_STATES.filter(isOpenState)).toEqual([
      'assigned',
      'acknowledged',
      'in_progress',
      'submitted',
      'returned',
    ]);
    expect(TASK_STATES.filter(isSubmittedState)).toEqual(['submitted', 'accepted']);
  });

  it('tables are frozen', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(TRANSITIONS.assigned)).toBe(true);
  });
});

describe('extension requests', () => {
  const request = {
    taskState: 'in_progress' as TaskState,
    currentDueOn: '2025-12-31',
    actorRole: 'unit' as TaskActorRole,
  };

  it('a unit asks for a later date, with a reason', () => {
    expect(checkExtensionRequest({ ...request, requestedDueOn: '2026-01-15', reason: '统计数据尚未发布' })).toEqual({
      ok: true,
    });
    expect(checkExtensionRequest({ ...request, requestedDueOn: '2025-12-31', reason: 'x' })).toEqual({
      ok: false,
      error: 'DATE_NOT_LATER',
    });
    expect(checkExtensionRequest({ ...request, requestedDueOn: '2025-12-01', reason: 'x' })).toEqual({
      ok: false,
      error: 'DATE_NOT_LATER',
    });
    expect(checkExtensionRequest({ ...request, requestedDueOn: '2026-02-30', reason: 'x' })).toEqual({
      ok: false,
      error: 'INVALID_DATE',
    });
    expect(checkExtensionRequest({ ...request, requestedDueOn: '2026-01-15', reason: ' ' })).toEqual({
      ok: false,
      error: 'REASON_REQUIRED',
    });
    expect(
      checkExtensionRequest({ ...request, taskState: 'submitted', requestedDueOn: '2026-01-15', reason: 'x' }),
    ).toEqual({ ok: false, error: 'TASK_NOT_OPEN' });
    expect(
      checkExtensionRequest({ ...request, taskState: 'returned', requestedDueOn: '2026-01-15', reason: 'x' }),
    ).toEqual({ ok: true });
    expect(
      checkExtensionRequest({ ...request, actorRole: 'office', requestedDueOn: '2026-01-15', reason: 'x' }),
    ).toEqual({ ok: false, error: 'FORBIDDEN' });
  });

  const decision = {
    requestState: 'pending' as const,
    taskState: 'in_progress' as TaskState,
    currentDueOn: '2025-12-31',
    requestedDueOn: '2026-01-15',
    actorRole: 'office' as TaskActorRole,
  };

  it('the office approves the asked date or grants another later one', () => {
    expect(decideExtension({ ...decision, decision: 'approve' })).toEqual({
      ok: true,
      state: 'approved',
      newDueOn: '2026-01-15',
    });
    expect(decideExtension({ ...decision, decision: 'approve', grantedDueOn: '2026-01-10' })).toEqual({
      ok: true,
      state: 'approved',
      newDueOn: '2026-01-10',
    });
    expect(decideExtension({ ...decision, decision: 'approve', grantedDueOn: '2025-12-31' })).toEqual({
      ok: false,
      error: 'DATE_NOT_LATER',
    });
    // The due date moved since the request: compared with the current one.
    expect(decideExtension({ ...decision, currentDueOn: '2026-01-20', decision: 'approve' })).toEqual({
      ok: false,
      error: 'DATE_NOT_LATER',
    });
  });

  it('rejecting needs a reason; only pending requests, only the office', () => {
    expect(decideExtension({ ...decision, decision: 'reject' })).toEqual({ ok: false, error: 'REASON_REQUIRED' });
    expect(decideExtension({ ...decision, decision: 'reject', reason: '年度报告时限不可调整' })).toEqual({
      ok: true,
      state: 'rejected',
    });
    expect(decideExtension({ ...decision, requestState: 'approved', decision: 'approve' })).toEqual({
      ok: false,
      error: 'NOT_PENDING',
    });
    expect(decideExtension({ ...decision, actorRole: 'unit', decision: 'approve' })).toEqual({
      ok: false,
      error: 'FORBIDDEN',
    });
    expect(decideExtension({ ...decision, taskState: 'accepted', decision: 'approve' })).toEqual({
      ok: false,
      error: 'TASK_NOT_OPEN',
    });
  });
});

describe('item progress', () => {
  it('four values', () => {
    expect([...ITEM_PROGRESS]).toEqual(['not_started', 'on_track', 'at_risk', 'done']);
    expect(isItemProgress('at_risk')).toBe(true);
    expect(isItemProgress('late')).toBe(false);
  });
});
