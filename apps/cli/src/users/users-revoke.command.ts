import { SubCommand } from 'nest-commander';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext } from '../shared/cli-context';
import { CliError } from '../shared/cli-errors';
import { withCredentials } from './credentials';

@SubCommand({
  name: 'revoke',
  arguments: '<user-id>',
  argsDescription: { 'user-id': 'mã người dùng / user id, e.g. u-0123456789ab' },
  description: 'thu hồi mọi mã truy cập của một người dùng / revoke every token of a user',
})
export class UsersRevokeCommand extends BudgetCommand {
  protected async execute(
    [userId = '']: string[],
    _options: object,
    cli: CliContext,
  ): Promise<void> {
    const outcome = await withCredentials(cli.dataDir, async (store) => {
      const user = await store.getUser(userId);
      return user ? { name: user.actor.name, revoked: await store.revokeUserTokens(userId) } : null;
    });
    if (!outcome) {
      throw new CliError('USER.NOT_FOUND', {
        vi: `không có người dùng "${userId}" trong ${cli.dataDir} (xem: budget users list)`,
        en: `no user "${userId}" in ${cli.dataDir} (see: budget users list)`,
      });
    }
    if (cli.json) {
      cli.printJson({ id: userId, revoked: outcome.revoked });
      return;
    }
    cli.say(
      outcome.revoked > 0
        ? {
            vi: `Đã thu hồi ${outcome.revoked} mã truy cập của ${userId} ("${outcome.name}"). Các mã này không còn dùng được.`,
            en: `Revoked ${outcome.revoked} token(s) of ${userId} ("${outcome.name}"). They no longer work.`,
          }
        : {
            vi: `${userId} ("${outcome.name}") không còn mã truy cập nào đang hiệu lực.`,
            en: `${userId} ("${outcome.name}") has no live token left.`,
          },
    );
  }
}
