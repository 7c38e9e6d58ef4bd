import { SubCommand } from 'nest-commander';
import type { StoredUser } from '@app/api-state';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext } from '../shared/cli-context';
import { withCredentials } from './credentials';

/** A user as listed: who and with which delegation. Tokens and their hashes never leave the store. */
function listed(user: StoredUser): object {
  return {
    id: user.actor.userId,
    name: user.actor.name,
    role: user.actor.role,
    unit: user.actor.unit,
    authority: user.authority,
    active: user.active,
    createdAt: user.createdAt,
  };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell + ' '.repeat((widths?.[i] ?? 0) - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function delegation(user: StoredUser): string {
  const a = user.authority;
  if (!a) return '';
  const scope = a.programParts.length > 0 ? a.programParts.join(',') : '*';
  const dates =
    a.validFrom !== null || a.validTo !== null ? ` ${a.validFrom ?? '…'}–${a.validTo ?? '…'}` : '';
  return `${a.capacity}${a.title ? ` (${a.title})` : ''} [${scope}]${dates}`;
}

@SubCommand({
  name: 'list',
  description:
    'liệt kê người dùng (không bao giờ in mã truy cập) / list users (never prints tokens)',
})
export class UsersListCommand extends BudgetCommand {
  protected async execute(_params: string[], _options: object, cli: CliContext): Promise<void> {
    const users = await withCredentials(cli.dataDir, (store) => store.listUsers());
    if (cli.json) {
      cli.printJson({ users: users.map(listed) });
      return;
    }
    if (users.length === 0) {
      cli.say({
        vi: `Chưa có người dùng nào trong ${cli.dataDir}. Tạo bằng: budget users add "<họ tên>" --role <vai trò>`,
        en: `No users yet in ${cli.dataDir}. Create one with: budget users add "<name>" --role <role>`,
      });
      return;
    }
    const header =
      cli.language === 'vi'
        ? ['MÃ', 'HỌ TÊN', 'VAI TRÒ', 'ĐƠN VỊ', 'ỦY QUYỀN', 'TRẠNG THÁI', 'TẠO LÚC']
        : ['ID', 'NAME', 'ROLE', 'UNIT', 'DELEGATION', 'STATUS', 'CREATED'];
    const status = (active: boolean): string =>
      cli.language === 'vi' ? (active ? 'hoạt động' : 'ngừng') : active ? 'active' : 'inactive';
    cli.print(
      table([
        header,
        ...users.map((u) => [
          u.actor.userId,
          u.actor.name,
          u.actor.role,
          u.actor.unit ?? '',
          delegation(u),
          status(u.active),
          u.createdAt,
        ]),
      ]),
    );
  }
}
