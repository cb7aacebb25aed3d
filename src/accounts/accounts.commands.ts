import { cliMessages } from '../common/i18n/cli-messages.js';
import { CliUsageError, intFlag, stringFlag, type CliCommand } from '../cli/cli-command.js';
import { ROLES, type Role } from '../access/permissions.js';
import { CommitteesService } from '../committees/committees.service.js';
import { NotFoundError } from '../common/errors/app-error.js';
import { AccountsService } from './accounts.service.js';

/** The password from standard input (first line), so that it never appears in a process list or shell history. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password)
    throw new CliUsageError(
      '--password-stdin: standard input holds no password',
      '--password-stdin：标准输入中没有密码',
    );
  return password;
}

async function userByLogin(accounts: AccountsService, login: string) {
  const user = await accounts.findByLogin(login);
  if (!user) throw new NotFoundError('User', login);
  return user;
}

const USERS_USAGE =
  'users create --login L --role R [--committee ID] [--unit ID] [--name N] [--password-stdin] | users list [--committee ID] | users disable --login L | users set-password --login L --password-stdin';
const TOKENS_USAGE =
  'tokens create --login L [--name LABEL] [--expires YYYY-MM-DD] | tokens list --login L | tokens revoke --id ID';

export const accountsCommands: CliCommand[] = [
  {
    name: 'users',
    usage: USERS_USAGE,
    description: `accounts: roles ${ROLES.join(', ')}; a password from stdin is temporary (changed at first login)`,
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      const t = cliMessages(locale).users;
      const accounts = app!.get(AccountsService);
      const committee = await app!.get(CommitteesService).resolve(intFlag(args, 'committee'));
      switch (args.positional[0]) {
        case 'create': {
          const role = stringFlag(args, 'role', true) as Role;
          if (!ROLES.includes(role))
            throw new CliUsageError(
              `--role must be one of ${ROLES.join(', ')}`,
              `--role 必须是 ${ROLES.join('、')} 之一`,
            );
          const login = stringFlag(args, 'login', true);
          const password = args.flags['password-stdin'] ? await readPasswordFromStdin() : undefined;
          const user = await accounts.create(committee.id, {
            login,
            role,
            unitId: intFlag(args, 'unit'),
            displayName: stringFlag(args, 'name') ?? login,
            password,
          });
          io.out(t.created(user.id, user.login, user.role, user.unitId ?? null, password !== undefined));
          return 0;
        }
        case 'list': {
          const page = await accounts.list(committee.id, { pageSize: 200, page: intFlag(args, 'page') ?? 1 });
          if (args.flags.json) io.out(JSON.stringify(page, null, 2));
          else
            for (const u of page.items)
              io.out(
                `${String(u.id).padStart(5)}  ${u.login.padEnd(36)} ${u.role.padEnd(13)} ${u.unitId ? t.row.unit(u.unitId) : t.row.office}${u.disabled ? t.row.disabled : ''}  ${u.displayName}`,
              );
          return 0;
        }
        case 'disable':
        case 'enable': {
          const user = await userByLogin(accounts, stringFlag(args, 'login', true));
          await accounts.update(
            user.committeeId,
            user.id,
            { version: user.version, disabled: args.positional[0] === 'disable' },
            { name: 'cli', role: 'office', unitId: null, committeeId: null },
          );
          io.out(args.positional[0] === 'disable' ? t.disabled(user.login) : t.enabled(user.login));
          return 0;
        }
        case 'set-password': {
          if (!args.flags['password-stdin'])
            throw new CliUsageError(
              'set-password reads the password from standard input: add --password-stdin',
              'set-password 从标准输入读取密码：请加 --password-stdin',
            );
          const user = await userByLogin(accounts, stringFlag(args, 'login', true));
          await accounts.setPassword(user.id, await readPasswordFromStdin(), false);
          io.out(t.passwordSet(user.login));
          return 0;
        }
        default:
          throw new CliUsageError(`usage: ${USERS_USAGE}`, `用法：${USERS_USAGE}`);
      }
    },
  },
  {
    name: 'tokens',
    usage: TOKENS_USAGE,
    description: 'personal API tokens (Authorization: Bearer …); create prints only the token on its last line',
    needsApp: true,
    async run({ app, args, io, locale = 'zh-CN' }) {
      const t = cliMessages(locale).tokens;
      const accounts = app!.get(AccountsService);
      switch (args.positional[0]) {
        case 'create': {
          const user = await userByLogin(accounts, stringFlag(args, 'login', true));
          const created = await accounts.createToken(user.id, {
            name: stringFlag(args, 'name') ?? 'cli',
            expiresOn: stringFlag(args, 'expires'),
          });
          io.err(t.created(created.id, user.login, created.expiresOn ?? null));
          io.out(created.token);
          return 0;
        }
        case 'list': {
          const user = await userByLogin(accounts, stringFlag(args, 'login', true));
          for (const k of await accounts.listTokens(user.id))
            io.out(
              `${String(k.id).padStart(5)}  ${k.prefix}…  ${k.name}  ${k.revokedAt ? t.revoked : k.expiresOn ? t.until(k.expiresOn) : t.noExpiry}`,
            );
          return 0;
        }
        case 'revoke': {
          const id = intFlag(args, 'id');
          if (!id)
            throw new CliUsageError(
              '--id is required (tokens list --login L shows them)',
              '需要 --id（tokens list --login L 可列出）',
            );
          await accounts.revokeToken(id, null, null);
          io.out(t.revokedId(id));
          return 0;
        }
        default:
          throw new CliUsageError(`usage: ${TOKENS_USAGE}`, `用法：${TOKENS_USAGE}`);
      }
    },
  },
];
