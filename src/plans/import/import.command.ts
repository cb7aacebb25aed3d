import { readFile, stat } from 'node:fs/promises';
import { CliUsageError, intFlag, type CliCommand } from '../../cli/cli-command.js';
import { BadRequestError } from '../../common/errors/app-error.js';
import { MAX_IMPORT_BYTES } from './decode-text.util.js';
import { PlanImportService, previewInLanguage } from './plan-import.service.js';
import type { ImportPreview } from './import-preview.types.js';
import type { Locale } from '../../common/i18n/locale.js';

/** `import <file> [--dry-run] [--json] [--map 名称=ID,…] [--accept-new-units] [--committee ID]` */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file> [--dry-run] [--json] [--map 名称=单位ID,…] [--accept-new-units] [--committee ID]',
  description: 'import a plan notice (.txt UTF-8/GBK or .docx): preview with --dry-run, then commit',
  needsApp: true,
  async run({ app, args, io, locale = 'zh-CN' }) {
    const file = args.positional[0];
    if (!file)
      throw new CliUsageError(
        'give the plan file: npm run cli -- import <file> [--dry-run]',
        '请给出规划文件：npm run cli -- import <文件> [--dry-run]',
      );
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new CliUsageError(`${file}: no such file`, `${file}：文件不存在`);
    if (info.size > MAX_IMPORT_BYTES)
      throw new BadRequestError('TOO_LARGE', `${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const mapping: Record<string, number> = {};
    if (typeof args.flags.map === 'string') {
      for (const pair of args.flags.map.split(/[,，]/)) {
        const [name, id] = pair.split('=');
        if (!name || !/^\d+$/.test(id ?? ''))
          throw new CliUsageError(
            `--map expects 名称=单位ID pairs separated by commas, got "${pair}"`,
            `--map 需要用逗号分隔的“名称=单位ID”，收到“${pair}”`,
          );
        mapping[name.trim()] = Number(id);
      }
    }
    const preview = await app!.get(PlanImportService).run({
      bytes: await readFile(file),
      fileName: file,
      committeeId: intFlag(args, 'committee'),
      mapping,
      acceptNewUnits: args.flags['accept-new-units'] === true,
      dryRun: args.flags['dry-run'] === true,
    });
    // Warnings and errors in the CLI's language; --json keeps the same keys (code, line, params) in either.
    const said = previewInLanguage(preview, locale);
    if (args.flags.json) io.out(JSON.stringify(said, null, 2));
    else printPreview(said, io.out, locale);
    // A preview that a commit would refuse (e.g. no period found) is not a success for scripts.
    return preview.errors.length > 0 ? 2 : 0;
  },
};

const PREVIEW_TEXT = {
  'zh-CN': {
    dryRun: '预览（未写入）',
    done: '已导入',
    counts: (c: ImportPreview['plans'][number]['counts']) =>
      `  ${c.areas}个领域，${c.goals}项目标，${c.measures}项措施；牵头${c.leadSlots}处、责任${c.responsibleSlots}处；${c.goalsWithoutLead}项目标没有牵头单位`,
    outcome: { created: '新建', updated: '更新', unchanged: '无变化' } as Record<string, string>,
    plan: (id: number) => `（规划 ${id}）`,
    change: (added: string, updated: string, removed: string) => `：新增 ${added}；修改 ${updated}；删除 ${removed}`,
    nothing: '无',
    what: {
      areas: '领域',
      goals: '目标',
      measures: '措施',
      indicators: '指标',
      assignments: '分工',
      units: '单位',
    } as Record<string, string>,
    newUnits: '新建单位：',
    errorLine: (line: number) => `错误 第${line}行：`,
    unknownUnits: '未知单位（用 --map 名称=单位ID 对应，或 --accept-new-units 新建）：',
    warnings: (n: number) => `${n}条提示：`,
    line: (n: number) => `第${n}行`,
  },
  en: {
    dryRun: 'Preview — nothing was written',
    done: 'Imported',
    counts: (c: ImportPreview['plans'][number]['counts']) =>
      `  ${c.areas} areas, ${c.goals} goals, ${c.measures} measures; ${c.leadSlots} lead and ${c.responsibleSlots} responsible slots; ${c.goalsWithoutLead} goals without a lead unit`,
    outcome: {} as Record<string, string>,
    plan: (id: number) => ` (plan ${id})`,
    change: (added: string, updated: string, removed: string) =>
      `: added ${added}; updated ${updated}; removed ${removed}`,
    nothing: 'nothing',
    what: {} as Record<string, string>,
    newUnits: 'new units: ',
    errorLine: (line: number) => `error line ${line}: `,
    unknownUnits: 'unknown units (use --map NAME=UNIT_ID or --accept-new-units): ',
    warnings: (n: number) => `${n} warning(s):`,
    line: (n: number) => `line ${n}`,
  },
} satisfies Record<Locale, unknown>;

/** The preview in one language (the CLI's: LUOSHI_LANG or the system locale). */
export function printPreview(preview: ImportPreview, out: (line: string) => void, locale: Locale): void {
  const t = PREVIEW_TEXT[locale];
  out(preview.dryRun ? t.dryRun : t.done);
  for (const plan of preview.plans) {
    out(
      `\n${plan.title}  ${plan.periodStart}–${plan.periodEnd}  ${plan.documentNumber ?? ''} ${plan.issuedOn ?? ''}`.trimEnd(),
    );
    out(t.counts(plan.counts));
    const ch = plan.changes;
    const sum = (o: object) =>
      Object.entries(o)
        .filter(([, n]) => n)
        .map(([k, n]) => (locale === 'en' ? `${n} ${k}` : `${t.what[k] ?? k}${n}`))
        .join(locale === 'en' ? ', ' : '，') || t.nothing;
    out(
      `  ${t.outcome[ch.outcome] ?? ch.outcome}${ch.planId ? t.plan(ch.planId) : ''}${t.change(sum(ch.added), sum(ch.updated), sum(ch.removed))}`,
    );
  }
  const unknown = preview.units.filter((u) => u.status === 'unknown');
  const created = preview.units.filter((u) => u.status === 'new');
  if (created.length) out(`\n${t.newUnits}${created.map((u) => u.name).join('、')}`);
  if (unknown.length) out(`\n${t.unknownUnits}${unknown.map((u) => u.name).join('、')}`);
  for (const e of preview.errors) out(`\n${t.errorLine(e.line)}${e.message}`);
  if (preview.warnings.length) {
    out(`\n${t.warnings(preview.warnings.length)}`);
    for (const w of preview.warnings) out(`  ${t.line(w.line)}: ${w.message}`);
  }
}
