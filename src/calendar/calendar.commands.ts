import { writeFile } from 'node:fs/promises';
import { CliUsageError, intFlag, type CliCommand } from '../cli/cli-command.js';
import { OFFICE_ACTOR } from '../access/actor.js';
import { DUTY_KINDS, type DutyKind } from '../duties/domain/duty-kind.js';
import { CalendarService } from './calendar.service.js';

const USAGE = 'calendar export [--unit ID] [--plan ID] [--kind KIND] [--committee ID] --out F.ics';

export const calendarCommands: CliCommand[] = [
  {
    name: 'calendar',
    usage: USAGE,
    description: 'the open tasks (of one unit, or all) as an iCalendar file, one all-day event per deadline',
    needsApp: true,
    async run({ app, args, io, locale }) {
      const out = args.flags.out;
      if (args.positional[0] !== 'export' || typeof out !== 'string')
        throw new CliUsageError(`usage: ${USAGE}`, `用法：${USAGE}`);
      const kind = args.flags.kind;
      if (kind !== undefined && (typeof kind !== 'string' || !(DUTY_KINDS as readonly string[]).includes(kind)))
        throw new CliUsageError(
          `--kind is one of ${DUTY_KINDS.join(', ')}`,
          `--kind 须为 ${DUTY_KINDS.join('、')} 之一`,
        );
      const { text, count } = await app!
        .get(CalendarService)
        .render(
          { ...OFFICE_ACTOR, name: 'cli' },
          { unitId: intFlag(args, 'unit'), planId: intFlag(args, 'plan'), kind: kind as DutyKind | undefined },
          intFlag(args, 'committee'),
        );
      await writeFile(out, text);
      io.out(locale === 'en' ? `${count} deadlines written to ${out}` : `已写入 ${count} 个截止日期：${out}`);
      return 0;
    },
  },
];
