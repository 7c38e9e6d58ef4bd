/**
 * What the ledger's application user may do on EventStoreDB/KurrentDB 24.10 with the
 * legacy ACLs (the default authorization), and nothing more. Everything the adapter does,
 * and the right it needs (LegacyStreamPermissionAssertion on the server: a stream's own
 * `$acl`, else `$systemStreamAcl` for `$`-streams, else `$userStreamAcl`, both in
 * `$settings`; `$admins` bypass every ACL):
 *
 * | what the adapter does                                      | right                 |
 * | ---------------------------------------------------------- | --------------------- |
 * | read a ledger stream, append to it (expected revision)     | `$r`, `$w` user streams |
 * | read and append to `budget-checkpoint-*` (follow-ups)      | `$r`, `$w` user streams |
 * | readAll, subscribeToAll, headPosition: read `$all`         | `$r` of `$all` (its own ACL in `$$$all`) |
 *
 * And what it must not be able to do: delete or truncate streams (`$d`, and `$mw`: stream
 * metadata can set `$tb`/`$maxCount` and so hide history), write `$settings` or any ACL,
 * read system streams (`$users`, `$settings`…). In 24.10 `$all` is a system stream for
 * the ACL check, so without its own ACL only `$admins` read it — and every query, the
 * projector and the follow-ups fail first.
 *
 * Checkpoint streams are bounded by the operator (grant), since the application user may
 * not write metadata (eventstoredb-checkpoint-store.ts tolerates the refusal).
 */
export const DEFAULT_APP_USER = 'budget-app';

/** Consumers that keep their checkpoint in EventStoreDB (startCheckpointedSubscription). */
export const LEDGER_CONSUMERS = ['follow-ups'] as const;

/** How many checkpoint events a consumer's stream keeps (as the checkpoint store sets). */
export const KEPT_CHECKPOINTS = 5;

type Roles = string | string[];
interface Acl {
  $r: Roles;
  $w: Roles;
  $d: Roles;
  $mr: Roles;
  $mw: Roles;
}

/** The `$settings` event: the default ACLs of user and system streams. */
export function defaultAcls(appUser: string): { $userStreamAcl: Acl; $systemStreamAcl: Acl } {
  return {
    $userStreamAcl: {
      $r: ['$admins', appUser],
      $w: ['$admins', appUser],
      $d: '$admins',
      $mr: '$admins',
      $mw: '$admins',
    },
    $systemStreamAcl: {
      $r: '$admins',
      $w: '$admins',
      $d: '$admins',
      $mr: '$admins',
      $mw: '$admins',
    },
  };
}

/** `$all`'s own ACL (stream metadata of `$all`, kept in `$$$all`), as the client takes it. */
export function allStreamAcl(appUser: string): { readRoles: string[] } {
  return { readRoles: ['$admins', appUser] };
}
