import { describe, it, expect } from '@jest/globals';
import { extractIndicators } from '../indicator.js';
import { PARSE_LIMITS, parsePlanText } from '../plan-text.parser.js';
import { PlanImportError } from '../import-error.js';

const HEAD = '某县妇女发展规划（2021—2025年）\n二、发展领域、主要目标和策略措施\n（一）妇女与健康\n主要目标：\n';

function errorOf(text: string): PlanImportError {
  try {
    parsePlanText(text);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanImportError);
    return e as PlanImportError;
  }
  throw new Error('no error');
}

describe('bounds on what one text may produce', () => {
  it('a clause of 200 000 indicator phrases does not overflow the stack', () => {
    const clause = '住院分娩率达到99%以上、'.repeat(200_000);
    expect(extractIndicators(clause)).toHaveLength(200_000);
    expect(extractIndicators(clause, 200)).toBeNull();
    expect(extractIndicators('住院分娩率达到99%以上、'.repeat(200), 200)).toHaveLength(200);
  });

  it('a goal with more indicators than the bound is a TOO_MANY_INDICATORS with its line', () => {
    const goal = '1.' + '住院分娩率达到99%以上、'.repeat(PARSE_LIMITS.maxIndicatorsPerGoal + 1) + '。';
    expect(goal.length).toBeLessThan(PARSE_LIMITS.maxLineChars);
    const e = errorOf(HEAD + goal);
    expect(e.code).toBe('TOO_MANY_INDICATORS');
    expect(e.details).toEqual({ line: 5 });
  });

  it('a 17 MB line is a LINE_TOO_LONG naming the line, not a 500', () => {
    const e = errorOf(HEAD + '1.' + '住院分娩率达到99%以上、'.repeat(400_000 / 1) + '\n');
    expect(e.code).toBe('TOO_LARGE');
    const line = errorOf(HEAD + '1.' + '孕'.repeat(PARSE_LIMITS.maxLineChars) + '\n');
    expect(line.code).toBe('LINE_TOO_LONG');
    expect(line.message).toContain('Line 5 has 100002 characters; the limit is 100000');
  });

  it('more goals than the bound is TOO_MANY_GOALS', () => {
    // Numbers run to 999 within an area: three areas of 667 goals make 2001.
    const area = (name: string, count: number) =>
      `${name}\n主要目标：\n` +
      Array.from({ length: count }, (_, i) => `${i + 1}.孕产妇死亡率下降到12/10万以下。`).join('\n');
    const body = (last: number) =>
      [area('（一）妇女与健康', 667), area('（二）妇女与教育', 667), area('（三）妇女与经济', last)].join('\n');
    const head = '某县妇女发展规划（2021—2025年）\n二、发展领域、主要目标和策略措施\n';
    const e = errorOf(head + body(667));
    expect(e.code).toBe('TOO_MANY_GOALS');
    expect(e.message).toContain('has 2001 goals and measures; the limit is 2000');
    expect(parsePlanText(head + body(666)).plans[0].areas.map((a) => a.goals.length)).toEqual([667, 667, 666]);
  });
});
