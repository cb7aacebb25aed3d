import { cliMessages } from '../common/i18n/cli-messages.js';
import { CliUsageError, type CliCommand } from '../cli/cli-command.js';
import { DemoSeedService } from './demo-seed.service.js';
import { DEMO_COMMITTEE_NAME } from '../committees/committees.service.js';

export const demoCommands: CliCommand[] = [
  {
    name: 'demo',
    usage: 'demo load | demo remove [--json]',
    description: `load the demo (its own committee, ${DEMO_COMMITTEE_NAME}), or delete it and everything in it; other data stays`,
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      const t = cliMessages(locale).demo;
      const demo = app!.get(DemoSeedService);
      const sub = args.positional[0];
      if (sub === 'remove') {
        const removed = await demo.remove();
        if (args.flags.json) io.out(JSON.stringify({ removed }, null, 2));
        else if (!removed) io.out(t.nothing);
        else io.out(t.removed(DEMO_COMMITTEE_NAME, removed));
        return 0;
      }
      if (sub === 'load') {
        const loaded = await demo.load();
        if (args.flags.json) io.out(JSON.stringify(loaded, null, 2));
        else io.out(t.loaded(loaded.committeeId, DEMO_COMMITTEE_NAME, loaded.units.length, loaded.tasks));
        return 0;
      }
      throw new CliUsageError('usage: demo load | demo remove [--json]', '用法：demo load | demo remove [--json]');
    },
  },
];
