import type { UserInput, Credentials } from '@app/api-state';
import { CliError } from '../shared/cli-errors';

function sameName(a: string, b: string): boolean {
  return (
    a.normalize('NFC').trim().toLocaleLowerCase('vi') ===
    b.normalize('NFC').trim().toLocaleLowerCase('vi')
  );
}

/**
 * How identity is established: an account is its own person unless `--person ID` names
 * the user whose person it also is; then segregation of duties compares the person, so one
 * person's officer account and approver account cannot propose and approve the same
 * expenditure. Two people may not share a display name (the trail names people by it):
 * a second "Nguyễn Văn An" is told apart in the name ("Nguyễn Văn An (TCKH)"), or is the
 * same person and says so with --person.
 */
export async function identify(
  store: Credentials,
  user: Omit<UserInput, 'id'>,
): Promise<Omit<UserInput, 'id'>> {
  const users = await store.listUsers();
  const personOf = (u: (typeof users)[number]): string => u.actor.personId ?? u.actor.userId;
  if (user.personId) {
    const same = users.find((u) => u.actor.userId === user.personId);
    if (!same) {
      throw new CliError('USER.NOT_FOUND', {
        vi: `--person: không có người dùng ${user.personId}`,
        en: `--person: no user ${user.personId}`,
      });
    }
    return { ...user, personId: personOf(same) };
  }
  const namesake = users.find((u) => u.active && sameName(u.actor.name, user.name));
  if (namesake) {
    throw new CliError('USER.NAME_TAKEN', {
      vi: `Đã có người dùng tên "${namesake.actor.name}" (${namesake.actor.userId}). Nếu là cùng một người, thêm --person ${namesake.actor.userId}; nếu là người khác, đặt tên phân biệt, ví dụ "${user.name} (${user.unit ?? user.role})"`,
      en: `A user named "${namesake.actor.name}" exists (${namesake.actor.userId}). If this is the same person, add --person ${namesake.actor.userId}; if not, give a name that tells them apart, e.g. "${user.name} (${user.unit ?? user.role})"`,
    });
  }
  return user;
}
