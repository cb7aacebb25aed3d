import { writeFile } from 'node:fs/promises';
import { CliUsageError, dateFlag, intFlag, stringFlag, type CliCommand } from '../cli/cli-command.js';
import { OFFICE_ACTOR } from '../access/actor.js';
import type { Locale } from '../common/i18n/locale.js';
import { AnnualReportService } from './annual-report.service.js';
import { CircularReportService } from './circular-report.service.js';
import { NoticeReportService } from './notice-report.service.js';
import { NOTICE_LEVELS, type NoticeLevel } from './documents/notice.document.js';

const USAGE =
  'report circular [--as-of YYYY-MM-DD] [--plan ID] --out F.docx | report notice --task ID --level urge|supervise [--reply-by YYYY-MM-DD] --out F.docx | report annual --plan ID --year Y --out F.docx [--xlsx F.xlsx]';

const say = {
  'zh-CN': {
    wrote: (file: string, what: string, bytes: number) => `已生成${what}：${file}（${bytes}字节）`,
    circular: '通报',
    notice: (level: NoticeLevel, number: string) => `${level === 'urge' ? '催办通知书' : '督办通知书'}${number}`,
    annual: '年度工作报告',
    monitoring: '年度监测数据表',
  },
  en: {
    wrote: (file: string, what: string, bytes: number) => `wrote ${what}: ${file} (${bytes} bytes)`,
    circular: 'the circular (通报)',
    notice: (level: NoticeLevel, number: string) =>
      `the ${level === 'urge' ? 'urging' : 'supervision'} notice ${number}`,
    annual: 'the annual report',
    monitoring: 'the monitoring table',
  },
} as const;

export const reportCommands: CliCommand[] = [
  {
    name: 'report',
    usage: USAGE,
    description:
      'write a document: 通报 (circular), 催办/督办通知书 (notice) or 年度工作报告 (annual, with the monitoring table as .xlsx)',
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      const t = say[(locale as Locale) === 'en' ? 'en' : 'zh-CN'];
      const actor = { ...OFFICE_ACTOR, name: 'cli' };
      const sub = args.positional[0];
      const write = async (file: string, body: Buffer, what: string) => {
        await writeFile(file, body);
        io.out(t.wrote(file, what, body.length));
      };
      if (sub === 'circular') {
        const out = stringFlag(args, 'out', true);
        const file = await app!.get(CircularReportService).circular(actor, {
          committeeId: intFlag(args, 'committee'),
          asOf: dateFlag(args, 'as-of'),
          planId: intFlag(args, 'plan'),
        });
        await write(out, file.body, t.circular);
        return 0;
      }
      if (sub === 'notice') {
        const taskId = intFlag(args, 'task');
        const level = stringFlag(args, 'level', true) as NoticeLevel;
        if (!taskId) throw new CliUsageError(`--task is required; usage: ${USAGE}`, `需要 --task；用法：${USAGE}`);
        if (!NOTICE_LEVELS.includes(level))
          throw new CliUsageError(
            `--level is urge or supervise, got "${level}"`,
            `--level 为 urge（催办）或 supervise（督办），收到 "${level}"`,
          );
        const out = stringFlag(args, 'out', true);
        const file = await app!
          .get(NoticeReportService)
          .notice(actor, { taskId, level, replyBy: dateFlag(args, 'reply-by') });
        await write(out, file.body, t.notice(level, file.number));
        return 0;
      }
      if (sub === 'annual') {
        const planId = intFlag(args, 'plan');
        const year = intFlag(args, 'year');
        if (!planId || !year)
          throw new CliUsageError(
            `--plan and --year are required; usage: ${USAGE}`,
            `需要 --plan 和 --year；用法：${USAGE}`,
          );
        const out = stringFlag(args, 'out', true);
        const xlsx = stringFlag(args, 'xlsx');
        const service = app!.get(AnnualReportService);
        await write(out, (await service.annual(actor, { planId, year })).body, t.annual);
        if (xlsx) await write(xlsx, (await service.monitoring(actor, { planId, year })).body, t.monitoring);
        return 0;
      }
      throw new CliUsageError(`usage: ${USAGE}`, `用法：${USAGE}`);
    },
  },
];
