import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMPORT_WARNINGS, importWarningMessage, localizeWarnings } from '../import-warnings.js';
import { parsePlanText } from '../../../plans/import/plan-text.parser.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/${name}`, import.meta.url)), 'utf8');
const CJK = /[\u4e00-\u9fff]/;

describe('import warnings', () => {
  it('has a Chinese and an English sentence for every template, each keeping the line', () => {
    for (const [key, template] of Object.entries(IMPORT_WARNINGS)) {
      const params = {
        line: 17,
        number: 3,
        prev: 1,
        area: 2,
        printed: 4,
        matched: 5,
        title: 'T',
        name: 'N',
        text: 'x',
        list: 'goals',
      };
      const zh = template['zh-CN'](params);
      const en = template.en(params);
      expect({ key, zh: CJK.test(zh) }).toEqual({ key, zh: true });
      expect({
        key,
        en: en !== zh && !CJK.test(en.replace(/“[^”]*”|"[^"]*"|\d+ 妇女与健康|措施3|十四五|、/g, '')),
      }).toEqual({ key, en: true });
      if (
        /line|row|NO_LEAD|EMPTY_AREA|TITLE_COMPOSED|NO_PERIOD$|NO_ANNOTATIONS|NO_ISSUE_DATE|kindFromAreas|noKind/.test(
          key,
        ) === false
      ) {
        expect({ key, zh: zh.includes('17'), en: en.includes('17') }).toEqual({ key, zh: true, en: true });
      }
    }
  });

  it('renders every warning the parser gives on the real plans in English from its code, with the same line', () => {
    for (const name of [
      'weining-notice-and-women-plan-2021-2025.txt',
      'hongtong-women-children-plans-14th-fyp.txt',
      'huozhou-women-children-plans-14th-fyp-en.txt',
    ]) {
      const { warnings } = parsePlanText(fixture(name));
      expect(warnings.length).toBeGreaterThan(0);
      const en = localizeWarnings(warnings, 'en');
      en.forEach((w, i) => {
        expect(importWarningMessage(w.code, w.params, 'en')).not.toBeNull();
        expect(w.line).toBe(warnings[i]!.line);
        expect(w.code).toBe(warnings[i]!.code);
        expect(w.message).not.toBe(warnings[i]!.message);
      });
      expect(localizeWarnings(warnings, 'zh-CN').map((w) => w.message)).toEqual(warnings.map((w) => w.message));
    }
  });

  it('keeps a message it has no template for', () => {
    expect(localizeWarnings([{ line: 1, code: 'SOMETHING_NEW', message: 'as given' }], 'en')).toEqual([
      { line: 1, code: 'SOMETHING_NEW', message: 'as given' },
    ]);
  });
});

describe('indicator labels', () => {
  it('says every status, assessment and reason in both languages', async () => {
    const { INDICATOR_STATUS_LABELS, ASSESSMENT_LABELS, INDICATOR_REASON_CODES, indicatorReason } =
      await import('../indicator-labels.js');
    for (const labels of [INDICATOR_STATUS_LABELS, ASSESSMENT_LABELS]) {
      for (const [key, l] of Object.entries(labels))
        expect({ key, zh: CJK.test(l['zh-CN']), en: CJK.test(l.en) }).toEqual({ key, zh: true, en: false });
    }
    expect(ASSESSMENT_LABELS.largely_met).toEqual({ 'zh-CN': '基本达到', en: 'largely met' });
    for (const code of INDICATOR_REASON_CODES) {
      const p = { year: 2025, years: 2, assessment: 'not_met', units: 2, baselineYear: 2020, comparator: 'x' };
      expect({
        code,
        zh: CJK.test(indicatorReason(code, p, 'zh-CN')),
        en: CJK.test(indicatorReason(code, p, 'en')),
      }).toEqual({ code, zh: true, en: false });
    }
    expect(indicatorReason('assessed_last_year', { assessment: 'not_met', year: 2025 }, 'zh-CN')).toBe(
      '规划末年2025年评估为未达到',
    );
    expect(indicatorReason('no_baseline_value', { baselineYear: 2020 }, 'en')).toBe(
      'no value for the baseline year 2020',
    );
    expect(indicatorReason('no_baseline_value', { baselineYear: null }, 'zh-CN')).toBe('没有基期的数值');
  });
});
