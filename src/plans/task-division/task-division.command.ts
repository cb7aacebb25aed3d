import { readFile, stat, writeFile } from 'node:fs/promises';
import { CliUsageError, intFlag, type CliCommand } from '../../cli/cli-command.js';
import { BadRequestError } from '../../common/errors/app-error.js';
import { TaskDivisionService, type TaskDivisionResult } from './task-division.service.js';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const USAGE = 'task-division export --plan ID --out FILE.xlsx|.csv | task-division import --plan ID FILE [--dry-run] [--accept-new-units] [--json]';

/** The 任务分工表 from the command line: export to fill in, import .xlsx/.csv/.docx/tab-separated .txt. */
export const taskDivisionCommand: CliCommand = {
  name: 'task-division',
  usage: USAGE,
  description: "export a plan's task-division sheet, or import one (also a Word table or tab-separated text)",
  needsApp: true,
  async run({ app, args, io }) {
    const [action, file] = args.positional;
    const planId = intFlag(args, 'plan');
    if (!planId) throw new CliUsageError(`usage: ${USAGE}`);
    const service = app!.get(TaskDivisionService);
    if (action === 'export') {
      const out = args.flags.out;
      if (typeof out !== 'string') throw new CliUsageError('give the output file: --out FILE.xlsx or --out FILE.csv');
      const exported = await service.export(planId, /\.csv$/i.test(out) ? 'csv' : 'xlsx');
      await writeFile(out, exported.body);
      io.out(`wrote ${out} (${exported.body.length} bytes)`);
      return 0;
    }
    if (action !== 'import') throw new CliUsageError(`usage: ${USAGE}`);
    if (!file) throw new CliUsageError('give the file to import: task-division import --plan ID FILE');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new CliUsageError(`${file}: no such file`);
    if (info.size > MAX_FILE_BYTES) throw new BadRequestError('TOO_LARGE', `${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const result = await service.import(planId, await readFile(file), file, {
      dryRun: args.flags['dry-run'] === true,
      acceptNewUnits: args.flags['accept-new-units'] === true,
    });
    if (args.flags.json) io.out(JSON.stringify(result, null, 2));
    else printResult(result, io.out);
    return 0;
  },
};

function printResult(r: TaskDivisionResult, out: (line: string) => void): void {
  out(r.dryRun ? '预览（未写入）Preview — nothing was written' : '已导入 Imported');
  out(`${r.rows} rows matched to goals; ${r.goalsChanged} goals changed: ${r.added} assignments added, ${r.removed} removed`);
  if (r.newUnits.length) out(`new units: ${r.newUnits.join('、')}`);
  if (r.unknownUnits.length) out(`unknown units (add them to the register or use --accept-new-units): ${r.unknownUnits.map((u) => `${u.name} (row ${u.lines[0]})`).join('、')}`);
  if (r.unmatchedRows.length) out(`${r.unmatchedRows.length} row(s) match no goal: ${r.unmatchedRows.map((u) => `row ${u.line} "${u.text}"`).join('; ')}`);
  out(r.goalsWithoutLead.length ? `${r.goalsWithoutLead.length} goal(s) without a lead unit: ${r.goalsWithoutLead.map((g) => `${g.areaNumber}.${g.goalNumber}`).join(', ')}` : 'every goal has a lead unit');
  for (const w of r.warnings) out(`  ${w.message}`);
}
