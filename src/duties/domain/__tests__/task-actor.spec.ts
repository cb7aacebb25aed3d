import { describe, it, expect } from '@jest/globals';
import {
  CLOSED_STATES,
  STATE_PROGRESS_RANK,
  SUBMITTED_STATES,
  TASK_ACTIONS,
  TASK_STATES,
  WORKING_STATES,
  type TaskAction,
  type TaskActorRef,
  type TaskState,
  actingRole,
  actionsOnTask,
  checkWork,
  isOpenState,
  isWorkingState,
} from '../task-lifecycle.js';

const unit7: TaskActorRef = { role: 'unit', unitId: 7 };
const unit8: TaskActorRef = { role: 'unit', unitId: 8 };
const office: TaskActorRef = { role: 'office', unitId: null };
const unitTask = (state: TaskState = 'assigned') => ({ state, unitId: 7 });
const officeTask = (state: TaskState = 'assigned') => ({ state, unitId: null });

// Written out independently of the rules table: which side each action belongs to.
const UNIT_ACTIONS: TaskAction[] = ['acknowledge', 'start', 'submit', 'withdraw'];
const OFFICE_ACTIONS: TaskAction[] = ['accept', 'return', 'cancel', 'reopen'];

describe('state sets', () => {
  it('working, submitted and closed partition the states as the lifecycle describes', () => {
    expect([...WORKING_STATES]).toEqual(['assigned', 'acknowledged', 'in_progress', 'returned']);
    expect([...SUBMITTED_STATES]).toEqual(['submitted', 'accepted']);
    expect([...CLOSED_STATES]).toEqual(['accepted', 'cancelled']);
    // Every state is working, submitted or cancelled — exactly one of them.
    for (const s of TASK_STATES)
      expect([isWorkingState(s), SUBMITTED_STATES.includes(s), s === 'cancelled'].filter(Boolean)).toHaveLength(1);
    // Open = not closed: working states plus a submission awaiting review.
    expect(TASK_STATES.filter(isOpenState)).toEqual([
      'assigned',
      'acknowledged',
      'in_progress',
      'submitted',
      'returned',
    ]);
  });

  it('isWorkingState refuses what is not a state', () => {
    expect(isWorkingState('open')).toBe(false);
    expect(isWorkingState('')).toBe(false);
    expect(isWorkingState('ASSIGNED')).toBe(false);
  });

  it('the progress rank orders cancelled < assigned < … < submitted < accepted', () => {
    const ordered = [...TASK_STATES].sort((a, b) => STATE_PROGRESS_RANK[a] - STATE_PROGRESS_RANK[b]);
    expect(ordered).toEqual([
      'cancelled',
      'assigned',
      'acknowledged',
      'in_progress',
      'returned',
      'submitted',
      'accepted',
    ]);
    expect(Object.isFrozen(STATE_PROGRESS_RANK)).toBe(true);
  });
});

describe('actingRole: who does what on a task', () => {
  it.each(UNIT_ACTIONS)(
    '%s: the owing unit as unit; another unit and the office on a unit task not at all; the office as unit on its own task',
    (action) => {
      expect(actingRole(unit7, unitTask(), action)).toBe('unit');
      expect(actingRole(unit8, unitTask(), action)).toBeNull();
      expect(actingRole(office, unitTask(), action)).toBeNull();
      expect(actingRole(office, officeTask(), action)).toBe('unit');
      expect(actingRole(unit7, officeTask(), action)).toBeNull();
    },
  );

  it.each(OFFICE_ACTIONS)('%s: the office as office on every task; never a unit', (action) => {
    expect(actingRole(office, unitTask(), action)).toBe('office');
    expect(actingRole(office, officeTask(), action)).toBe('office');
    expect(actingRole(unit7, unitTask(), action)).toBeNull();
    expect(actingRole(unit8, unitTask(), action)).toBeNull();
  });

  it('work and extension requests are the unit side: the owing unit, or the office on its own task', () => {
    for (const deed of ['work', 'request_extension'] as const) {
      expect(actingRole(unit7, unitTask(), deed)).toBe('unit');
      expect(actingRole(unit8, unitTask(), deed)).toBeNull();
      expect(actingRole(office, unitTask(), deed)).toBeNull();
      expect(actingRole(office, officeTask(), deed)).toBe('unit');
    }
  });

  it('a unit actor without a unit acts on nothing', () => {
    expect(actingRole({ role: 'unit', unitId: null }, officeTask(), 'submit')).toBeNull();
    expect(actingRole({ role: 'unit', unitId: null }, unitTask(), 'submit')).toBeNull();
  });
});

describe('actionsOnTask: the buttons', () => {
  it.each(TASK_STATES)('from %s', (state) => {
    const unitSide = actionsOnTask(unit7, unitTask(state));
    const officeSide = actionsOnTask(office, unitTask(state));
    // A unit sees only unit actions, the office on a unit's task only office actions.
    expect(unitSide.every((a) => UNIT_ACTIONS.includes(a))).toBe(true);
    expect(officeSide.every((a) => OFFICE_ACTIONS.includes(a))).toBe(true);
    // On its own task the office has both, in TASK_ACTIONS order.
    expect(actionsOnTask(office, officeTask(state))).toEqual(
      TASK_ACTIONS.filter((a) => unitSide.includes(a) || officeSide.includes(a)),
    );
    // Another unit has none.
    expect(actionsOnTask(unit8, unitTask(state))).toEqual([]);
  });

  it('spot checks', () => {
    expect(actionsOnTask(unit7, unitTask('assigned'))).toEqual(['acknowledge', 'start', 'submit']);
    expect(actionsOnTask(office, unitTask('assigned'))).toEqual(['cancel']);
    expect(actionsOnTask(unit7, unitTask('submitted'))).toEqual(['withdraw']);
    expect(actionsOnTask(office, unitTask('submitted'))).toEqual(['accept', 'return', 'cancel']);
    expect(actionsOnTask(office, officeTask('submitted'))).toEqual(['withdraw', 'accept', 'return', 'cancel']);
    expect(actionsOnTask(unit7, unitTask('accepted'))).toEqual([]);
    expect(actionsOnTask(office, unitTask('accepted'))).toEqual(['reopen']);
    expect(actionsOnTask(office, officeTask('cancelled'))).toEqual(['reopen']);
  });
});

describe('checkWork: progress and files', () => {
  it.each(TASK_STATES)('%s', (state) => {
    const expected = isWorkingState(state) ? null : 'TASK_NOT_EDITABLE';
    expect(checkWork(unit7, unitTask(state))).toBe(expected);
    expect(checkWork(office, officeTask(state))).toBe(expected);
    // Not its task: refused whatever the state (the role is checked first).
    expect(checkWork(unit8, unitTask(state))).toBe('FORBIDDEN');
    expect(checkWork(office, unitTask(state))).toBe('FORBIDDEN');
    expect(checkWork(unit7, officeTask(state))).toBe('FORBIDDEN');
  });
});
