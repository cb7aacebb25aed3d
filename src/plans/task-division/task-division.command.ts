import { readFile, stat, writeFile } from 'node:fs/promises';
import { CliUsageError, intFlag, type CliCommand } from '../../cli/cli-command.js';
import { BadRequestError } from '../../common/errors/app-error.js';
import { resultInLanguage, TaskDivisionService, type TaskDivisionResult } from './task-division.service.js';
import { cliMessages } from '../../common/i18n/cli-messages.js';
import type { Locale } from '../../common/i18n/locale.js';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const USAGE =
  'task-division export --plan ID --out FILE.xlsx|.csv | task-division import --plan ID FILE [--dry-run] [--accept-new-units] [--json]';

/** The 任务分工表 from the command line: export to fill in, import .xlsx/.csv/.docx/tab-separated .txt. */
export const taskDivisionCommand: CliCommand = {
  name: 'task-division',
  usage: USAGE,
  description: "export a plan's task-division sheet, or import one (also a Word table or tab-separated text)",
  needsApp: true,
  async run({ app, args, io, locale = 'zh-CN' }) {
    const t = cliMessages(locale).taskDivision;
    const [action, file] = args.positional;
    const planId = intFlag(args, 'plan');
    if (!planId) throw new CliUsageError(`usage: ${USAGE}`, `用法：${USAGE}`);
    const service = app!.get(TaskDivisionService);
    if (action === 'export') {
      const out = args.flags.out;
      if (typeof out !== 'string')
        throw new CliUsageError(
          'give the output file: --out FILE.xlsx or --out FILE.csv',
          '请给出输出文件：--out 文件.xlsx 或 --out 文件.csv',
        );
      // The sheet's headers in the CLI's language, as the API gives them in the reader's.
      const exported = await service.export(planId, /\.csv$/i.test(out) ? 'csv' : 'xlsx', locale);
      await writeFile(out, exported.body);
      io.out(t.wrote(out, exported.body.length));
      return 0;
    }
    if (action !== 'import') throw new CliUsageError(`usage: ${USAGE}`, `用法：${USAGE}`);
    if (!file)
      throw new CliUsageError(
        'give the file to import: task-division import --plan ID FILE',
        '请给出要导入的文件：task-division import --plan ID 文件',
      );
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new CliUsageError(`${file}: no such file`, `${file}：文件不存在`);
    if (info.size > MAX_FILE_BYTES)
      throw new BadRequestError('TOO_LARGE', `${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const result = await service.import(planId, await readFile(file), file, {
      dryRun: args.flags['dry-run'] === true,
      acceptNewUnits: args.flags['accept-new-units'] === true,
    });
    const said = resultInLanguage(result, locale);
    if (args.flags.json) io.out(JSON.stringify(said, null, 2));
    else printResult(said, io.out, locale);
    return 0;
  },
};

/** The result in one language (the CLI's); warnings were rendered in it already. */
function printResult(r: TaskDivisionResult, out: (line: string) => void, locale: Locale): void {
  const t = cliMessages(locale).taskDivision;
  out(r.dryRun ? t.dryRun : t.done);
  out(t.rows(r.rows, r.goalsChanged, r.added, r.removed));
  if (r.newUnits.length) out(t.newUnits(r.newUnits.join('、')));
  if (r.unknownUnits.length)
    out(t.unknownUnits(r.unknownUnits.map((u) => t.unknownUnit(u.name, u.lines[0]!)).join('、')));
  if (r.unmatchedRows.length)
    out(
      t.unmatched(
        r.unmatchedRows.length,
        r.unmatchedRows.map((u) => t.unmatchedRow(u.line, u.text)).join(locale === 'en' ? '; ' : '；'),
      ),
    );
  out(
    r.goalsWithoutLead.length
      ? t.withoutLead(
          r.goalsWithoutLead.length,
          r.goalsWithoutLead.map((g) => `${g.areaNumber}.${g.goalNumber}`).join(', '),
        )
      : t.everyLead,
  );
  for (const w of r.warnings) out(`  ${w.message}`);
}
