import { BadRequestError } from '../common/errors/app-error.js';

/** Plans run five or ten years; anything past 20 is a typo, and an end before the start always is. */
export const MAX_PLAN_YEARS = 20;

export function planPeriodProblem(start: number, end: number): string | null {
  if (end < start) return `periodEnd ${end} is before periodStart ${start}`;
  if (end - start + 1 > MAX_PLAN_YEARS)
    return `period ${start}–${end} is ${end - start + 1} years; at most ${MAX_PLAN_YEARS} allowed`;
  return null;
}

export function validatePlanPeriod(start: number, end: number): void {
  const problem = planPeriodProblem(start, end);
  if (problem)
    throw new BadRequestError('INVALID_PERIOD', problem, { fields: [{ field: 'periodEnd', problems: [problem] }] });
}
