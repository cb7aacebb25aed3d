import { describe, expect, it } from '@jest/globals';
import { COMMANDS, runCli } from '../cli.js';
import { cliMessages } from '../common/i18n/cli-messages.js';

/** `help` says every command in the reader's language: a new command needs its Chinese description. */
describe('CLI help', () => {
  it('has a Chinese description for every command', () => {
    const missing = COMMANDS.filter((c) => !cliMessages('zh-CN').description[c.name]).map((c) => c.name);
    expect(missing).toEqual([]);
  });

  it('prints each command once, in Chinese by default and in English on request', async () => {
    const lines = async (lang: string | undefined) => {
      const out: string[] = [];
      const before = process.env.LUOSHI_LANG;
      if (lang) process.env.LUOSHI_LANG = lang;
      else delete process.env.LUOSHI_LANG;
      try {
        await runCli(['help'], { out: (t) => out.push(t), err: (t) => out.push(t) });
      } finally {
        if (before === undefined) delete process.env.LUOSHI_LANG;
        else process.env.LUOSHI_LANG = before;
      }
      return out.slice(1);
    };
    const zh = await lines('zh-CN');
    const en = await lines('en');
    expect(zh).toHaveLength(COMMANDS.length);
    expect(en).toHaveLength(COMMANDS.length);
    for (const [i, c] of COMMANDS.entries()) {
      expect(zh[i]).toContain(cliMessages('zh-CN').description[c.name]);
      expect(en[i]).toContain(c.description);
    }
  });
});
