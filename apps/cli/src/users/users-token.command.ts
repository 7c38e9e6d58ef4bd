import { Option, SubCommand } from 'nest-commander';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext, CommonOptions } from '../shared/cli-context';
import { CliError, UsageError } from '../shared/cli-errors';
import { withCredentials } from './credentials';

interface TokenOptions extends CommonOptions {
  readonly expires?: string;
}

/**
 * Issues a new bearer token to an existing user — e.g. the people an import created,
 * which have accounts but no token. Printed once; only its hash is kept.
 */
@SubCommand({
  name: 'token',
  arguments: '<user-id>',
  argsDescription: { 'user-id': 'mã người dùng / user id, e.g. lu-dinh-tich' },
  description: 'cấp mã truy cập mới cho người dùng đã có / issue a new token to an existing user',
})
export class UsersTokenCommand extends BudgetCommand<TokenOptions> {
  @Option({
    flags: '--expires <instant>',
    description: 'mã truy cập hết hạn lúc / token expires at (ISO 8601), default never',
  })
  parseExpires(value: string): string {
    return value;
  }

  protected async execute(
    [userId = '']: string[],
    options: TokenOptions,
    cli: CliContext,
  ): Promise<void> {
    let expiresAt: Date | null = null;
    if (options.expires !== undefined) {
      const time = Date.parse(options.expires);
      if (Number.isNaN(time) || time <= Date.now()) {
        throw new UsageError([
          {
            field: '--expires',
            message: {
              vi: `--expires: cần một thời điểm ISO 8601 trong tương lai, nhận "${options.expires}"`,
              en: `--expires: needs a future ISO 8601 instant, got "${options.expires}"`,
            },
          },
        ]);
      }
      expiresAt = new Date(time);
    }
    const issued = await withCredentials(cli.dataDir, async (store) => {
      const user = await store.getUser(userId);
      if (!user || !user.active) return null;
      return {
        name: user.actor.name,
        role: user.actor.role,
        token: await store.issueToken(userId, expiresAt),
      };
    });
    if (!issued) {
      throw new CliError('USER.NOT_FOUND', {
        vi: `không có người dùng đang hoạt động "${userId}" trong ${cli.dataDir} (xem: budget users list)`,
        en: `no active user "${userId}" in ${cli.dataDir} (see: budget users list)`,
      });
    }
    if (cli.json) {
      cli.printJson({ id: userId, token: issued.token });
      return;
    }
    cli.say({
      vi: `Mã truy cập mới của "${issued.name}" (${userId}, vai trò ${issued.role}) — chỉ hiện một lần: ${issued.token}`,
      en: `New token of "${issued.name}" (${userId}, role ${issued.role}) — shown only once: ${issued.token}`,
    });
  }
}
