import { CliUsageError, type CliCommand } from '../cli/cli-command.js';
import { DemoSeedService } from './demo-seed.service.js';
import { DEMO_COMMITTEE_NAME } from '../committees/committees.service.js';

export const demoCommands: CliCommand[] = [
  {
    name: 'demo',
    usage: 'demo load | demo remove [--json]',
    description: `load the demo (its own committee, ${DEMO_COMMITTEE_NAME}), or delete it and everything in it; other data stays`,
    needsApp: true,
    async run({ app, args, io }) {
      const demo = app!.get(DemoSeedService);
      const sub = args.positional[0];
      if (sub === 'remove') {
        const removed = await demo.remove();
        if (args.flags.json) io.out(JSON.stringify({ removed }, null, 2));
        else if (!removed) io.out('no demo to remove');
        else io.out(`removed the demo (${DEMO_COMMITTEE_NAME}): ${removed.plans} plans, ${removed.units} units, ${removed.tasks} tasks, ${removed.mail} messages`);
        return 0;
      }
      if (sub === 'load') {
        const loaded = await demo.load();
        if (args.flags.json) io.out(JSON.stringify(loaded, null, 2));
        else io.out(`loaded the demo into committee ${loaded.committeeId} (${DEMO_COMMITTEE_NAME}): ${loaded.units.length} units, ${loaded.tasks} tasks`);
        return 0;
      }
      throw new CliUsageError('usage: demo load | demo remove [--json]');
    },
  },
];
