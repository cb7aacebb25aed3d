import { readFile, stat } from 'node:fs/promises';
import { CliUsageError, intFlag, type CliCommand } from '../../cli/cli-command.js';
import { BadRequestError } from '../../common/errors/app-error.js';
import { MAX_IMPORT_BYTES } from './decode-text.util.js';
import { PlanImportService } from './plan-import.service.js';
import type { ImportPreview } from './import-preview.types.js';

/** `import <file> [--dry-run] [--json] [--map 名称=ID,…] [--accept-new-units] [--committee ID]` */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file> [--dry-run] [--json] [--map 名称=单位ID,…] [--accept-new-units] [--committee ID]',
  description: 'import a plan notice (.txt UTF-8/GBK or .docx): preview with --dry-run, then commit',
  needsApp: true,
  async run({ app, args, io }) {
    const file = args.positional[0];
    if (!file) throw new CliUsageError('give the plan file: npm run cli -- import <file> [--dry-run]');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new CliUsageError(`${file}: no such file`);
    if (info.size > MAX_IMPORT_BYTES) throw new BadRequestError('TOO_LARGE', `${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const mapping: Record<string, number> = {};
    if (typeof args.flags.map === 'string') {
      for (const pair of args.flags.map.split(/[,，]/)) {
        const [name, id] = pair.split('=');
        if (!name || !/^\d+$/.test(id ?? '')) throw new CliUsageError(`--map expects 名称=单位ID pairs separated by commas, got "${pair}"`);
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
    if (args.flags.json) io.out(JSON.stringify(preview, null, 2));
    else printPreview(preview, io.out);
    // A preview that a commit would refuse (e.g. no period found) is not a success for scripts.
    return preview.errors.length > 0 ? 2 : 0;
  },
};

function printPreview(preview: ImportPreview, out: (line: string) => void): void {
  out(preview.dryRun ? '预览（未写入）Preview — nothing was written' : '已导入 Imported');
  for (const plan of preview.plans) {
    const c = plan.counts;
    out(`\n${plan.title}  ${plan.periodStart}–${plan.periodEnd}  ${plan.documentNumber ?? ''} ${plan.issuedOn ?? ''}`.trimEnd());
    out(`  ${c.areas} areas, ${c.goals} goals, ${c.measures} measures; ${c.leadSlots} lead and ${c.responsibleSlots} responsible slots; ${c.goalsWithoutLead} goals without a lead unit`);
    const ch = plan.changes;
    const sum = (o: object) => Object.entries(o).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing';
    out(`  ${ch.outcome}${ch.planId ? ` (plan ${ch.planId})` : ''}: added ${sum(ch.added)}; updated ${sum(ch.updated)}; removed ${sum(ch.removed)}`);
  }
  const unknown = preview.units.filter((u) => u.status === 'unknown');
  const created = preview.units.filter((u) => u.status === 'new');
  if (created.length) out(`\nnew units: ${created.map((u) => u.name).join('、')}`);
  if (unknown.length) out(`\nunknown units (use --map 名称=单位ID or --accept-new-units): ${unknown.map((u) => u.name).join('、')}`);
  for (const e of preview.errors) out(`\nerror line ${e.line}: ${e.message}`);
  if (preview.warnings.length) {
    out(`\n${preview.warnings.length} warning(s):`);
    for (const w of preview.warnings) out(`  line ${w.line}: ${w.message}`);
  }
}
