import { Option, SubCommand } from 'nest-commander';
import type { Authority, Messages } from '@app/budgeting';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext, CommonOptions } from '../shared/cli-context';
import { withCredentials } from './credentials';
import { type NewUserOptions, ROLE_LABELS, parseNewUser } from './new-user';
import { identify } from './identify';
import { newUserId } from './user-ids';
import { recordUserInLog } from './record-user';

type AddOptions = CommonOptions & NewUserOptions & { readonly basis?: string };

function describeAuthority(authority: Authority): Messages {
  const scope = authority.programParts.length > 0 ? authority.programParts.join(', ') : null;
  const from = authority.validFrom ?? '…';
  const to = authority.validTo ?? '…';
  const dated = authority.validFrom !== null || authority.validTo !== null;
  return {
    vi: `, ký "${authority.capacity}"${authority.title ? ` (${authority.title})` : ''}, phạm vi ${scope ?? 'toàn chương trình'}${dated ? `, hiệu lực ${from} – ${to}` : ''}`,
    en: `, signs "${authority.capacity}"${authority.title ? ` (${authority.title})` : ''}, scope ${scope ?? 'whole program'}${dated ? `, in force ${from} – ${to}` : ''}`,
  };
}

/**
 * Creates a user in the API's credential store (`<data>/auth.sqlite`, or MongoDB with
 * READ_STORE=mongodb) and issues its first bearer token, printed once: only the token's
 * hash is stored.
 */
@SubCommand({
  name: 'add',
  arguments: '<name>',
  argsDescription: { name: 'họ tên (đặt trong dấu ngoặc kép) / full name (quoted)' },
  description:
    'tạo người dùng và in mã truy cập một lần / create a user and print its bearer token once',
})
export class UsersAddCommand extends BudgetCommand<AddOptions> {
  @Option({
    flags: '--role <role>',
    description: 'officer | accountant | approver | auditor | admin',
  })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--unit <code>', description: 'mã đơn vị / spending unit code' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({
    flags: '--person <user-id>',
    description:
      'tài khoản này của cùng một người với người dùng đã có / this account belongs to the person of an existing user',
  })
  parsePerson(value: string): string {
    return value;
  }

  @Option({
    flags: '--capacity <capacity>',
    description: 'approver: tư cách ký / signing capacity, e.g. "KT. Chủ tịch"',
  })
  parseCapacity(value: string): string {
    return value;
  }

  @Option({
    flags: '--title <title>',
    description: 'approver: chức vụ / title, e.g. "Phó Chủ tịch"',
  })
  parseTitle(value: string): string {
    return value;
  }

  @Option({
    flags: '--scope <parts>',
    description: 'approver: dự án được ủy quyền / program parts, e.g. DA6,DA7.TDA1 (default all)',
  })
  parseScope(value: string): string {
    return value;
  }

  @Option({
    flags: '--from <date>',
    description: 'approver: hiệu lực từ / in force from YYYY-MM-DD',
  })
  parseFrom(value: string): string {
    return value;
  }

  @Option({
    flags: '--to <date>',
    description: 'approver: hiệu lực đến / in force until YYYY-MM-DD',
  })
  parseTo(value: string): string {
    return value;
  }

  @Option({
    flags: '--basis <number>',
    description:
      'approver: quyết định ủy quyền / the decision delegating the authority, e.g. 45/QĐ-UBND',
  })
  parseBasis(value: string): string {
    return value;
  }

  @Option({
    flags: '--expires <instant>',
    description: 'mã truy cập hết hạn lúc / token expires at (ISO 8601), default never',
  })
  parseExpires(value: string): string {
    return value;
  }

  protected async execute([name]: string[], options: AddOptions, cli: CliContext): Promise<void> {
    const parsed = parseNewUser(name, options);
    const { expiresAt } = parsed;
    // The log first: if the domain refuses the user, no credential exists for it.
    const { id, user } = await withCredentials(cli.dataDir, async (store) => {
      const user = await identify(store, parsed.user);
      let candidate = newUserId();
      // upsertUser overwrites: never hand out an id that is taken.
      while (await store.getUser(candidate)) candidate = newUserId();
      return { id: candidate, user };
    });
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const delegationRecorded = await recordUserInLog(
      cli.dataDir,
      { ...user, id, unit: user.unit ?? null, authority: user.authority ?? null },
      options.basis ?? null,
      today,
    );
    const token = await withCredentials(cli.dataDir, async (store) => {
      await store.upsertUser({ ...user, id });
      return store.issueToken(id, expiresAt);
    });
    if (!delegationRecorded) {
      process.stderr.write(
        'Cảnh báo: chưa ghi việc ủy quyền vào sổ vì thiếu quyết định ủy quyền (--basis SỐ/QĐ-...).\n' +
          'Warning: the delegation is not recorded in the log: no delegating decision (--basis NUMBER) was given.\n',
      );
    }
    if (cli.json) {
      cli.printJson({ id, token });
      return;
    }
    const role = ROLE_LABELS[user.role];
    const unit = user.unit ? { vi: `, đơn vị ${user.unit}`, en: `, unit ${user.unit}` } : null;
    const authority = user.authority ? describeAuthority(user.authority) : null;
    const expiry = expiresAt
      ? { vi: `, hết hạn ${expiresAt.toISOString()}`, en: `, expires ${expiresAt.toISOString()}` }
      : { vi: '', en: '' };
    cli.say({
      vi: `Đã tạo người dùng "${user.name}" (${id}, vai trò ${user.role} — ${role.vi}${unit?.vi ?? ''}${authority?.vi ?? ''}).\nMã truy cập (chỉ hiện một lần${expiry.vi}): ${token}\nHãy lưu mã này ngay: hệ thống chỉ giữ bản băm, không thể hiện lại.`,
      en: `Created user "${user.name}" (${id}, role ${user.role}${unit?.en ?? ''}${authority?.en ?? ''}).\nToken (shown only once${expiry.en}): ${token}\nStore it now: only its hash is kept, it cannot be shown again.`,
    });
  }
}
