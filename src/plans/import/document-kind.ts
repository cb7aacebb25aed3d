/**
 * Documents that are uploaded by mistake instead of a plan: a policy interpretation (政策解读)
 * published next to the plan, or the notice announcing a plan without its text. Both are
 * refused with one line naming the plans and period they are about; nothing is written.
 */
import { PlanImportError } from './import-error.js';

const INTERPRETATION_HEAD_RE = /解读|答记者问|一图读懂|图解|问答|\binterpretations?\b|\bq\s*&\s*a\b/i;
// 共设置…个主要目标、…条策略措施 / sets out 10 main goals and 13 strategic measures
const DECLARED_GOALS_RE =
  /([0-9０-９]+)\s*(?:项|个|条)\s*(?:主要)?目标|([0-9]+)\s+(?:main\s+|major\s+)?(?:goals|targets|objectives)\b/gi;
const DECLARED_MEASURES_RE = /([0-9０-９]+)\s*(?:项|个|条)\s*(?:策略)?措施|([0-9]+)\s+(?:strategic\s+)?measures\b/i;
const QUOTED_PLAN_RE =
  /《([^《》\r\n]{2,60}?(?:规划|纲要)(?:[（(][^（）()\r\n]{0,20}[)）])?)》|[“"]([^“”"\r\n]{4,120}?(?:Plan|Outline|Program(?:me)?)[^“”"\r\n]{0,60}?)[”"]/g;
const NOTICE_RE =
  /(?:关于)?(?:印发|发布|下发)[^。\n]{0,10}《[^《》]{2,60}(?:规划|纲要)[^《》]{0,20}》[^。\n]{0,6}(?:的)?通知|\bnotice\b[^\n.]{0,120}?\b(?:issuance|issuing|printing|publication|publishing|distributing)\b/i;
const PERIOD_RE = /((?:19|20)\d{2})\s*[—–\-－~～至到]{1,3}\s*((?:19|20)\d{2})/;

function plansNamed(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(QUOTED_PLAN_RE)) {
    const t = (m[1] ?? m[2]).trim();
    if (/妇女|儿童|women|children/i.test(t)) out.add(m[1] ? `《${t}》` : `“${t}”`);
    if (out.size >= 3) break;
  }
  return [...out];
}

function periodIn(text: string): string {
  const m = PERIOD_RE.exec(text);
  if (m) return `${m[1]}—${m[2]}年`;
  if (/十四五|14th\s+five-year|fourteenth\s+five-year/i.test(text)) return '2021—2025年';
  return '';
}

function about(text: string): string {
  const plans = plansNamed(text);
  const period = periodIn(text);
  return `${plans.length ? plans.join('、') : '规划'}${period ? `（${period}）` : ''}`;
}

/** Sum of the goal counts an interpretation declares (0 when it declares none). */
function declaredGoals(text: string): number {
  if (!DECLARED_MEASURES_RE.test(text)) return 0;
  let sum = 0;
  for (const m of text.matchAll(DECLARED_GOALS_RE))
    sum += Number((m[1] ?? m[2]).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return sum;
}

function interpretationError(text: string): PlanImportError {
  return new PlanImportError(
    'NOT_A_PLAN_INTERPRETATION',
    `这是${about(text)}的政策解读，不是规划正文，未导入任何内容；请上传规划原文。`,
  );
}

/** Before parsing: a document whose heading says it is an interpretation. */
export function refuseInterpretationByHeading(lines: string[]): void {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 8);
  if (head.some((l) => l.length <= 120 && INTERPRETATION_HEAD_RE.test(l))) throw interpretationError(lines.join('\n'));
}

/**
 * After parsing. A text that declares counts (N 项主要目标、M 条策略措施) but holds fewer goals
 * than it declares is an interpretation quoting the plan; a text with no plan body that
 * announces one is the notice alone.
 */
export function refuseNonPlan(text: string, goalsFound: number): void {
  const declared = declaredGoals(text);
  if (declared > 0 && goalsFound < declared) throw interpretationError(text);
  if (goalsFound === 0 && NOTICE_RE.test(text)) {
    throw new PlanImportError(
      'NOT_A_PLAN_NOTICE',
      `这是印发${about(text)}的通知，没有附规划正文，未导入任何内容；请上传含规划全文的文件。`,
    );
  }
}
