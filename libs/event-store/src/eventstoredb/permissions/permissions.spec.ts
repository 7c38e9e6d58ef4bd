import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { esdbErrors } from '@app/testing';
import { connectionParts } from './grant-permissions';
import { defaultAcls } from './ledger-acl';
import { checkPermissions } from './permission-checks';

type Answer = 'ok' | 'denied' | 'refused later';

/** A client whose every call answers as a server with the given rule would. */
function serverWhere(rule: (operation: string, stream: string) => Answer) {
  const answer = (operation: string, stream: string): Error | null => {
    const verdict = rule(operation, stream);
    if (verdict === 'ok') return null;
    if (verdict === 'denied') {
      return operation === 'read'
        ? esdbErrors.accessDeniedOnRead()
        : esdbErrors.accessDeniedOnAppend(stream);
    }
    return operation === 'read'
      ? new StreamNotFoundError(undefined, stream)
      : new WrongExpectedVersionError(undefined, {
          streamName: stream,
          current: 'no_stream',
          expected: 'stream_exists',
        } as never);
  };
  const read = (stream: string) =>
    (async function* () {
      const error = answer('read', stream);
      if (error) throw error;
      yield* [];
    })();
  const write = (operation: string, stream: string) => {
    const error = answer(operation, stream);
    return error ? Promise.reject(error) : Promise.resolve({});
  };
  return {
    readAll: () => read('$all'),
    readStream: (stream: string) => read(stream),
    appendToStream: (stream: string) => write('write', stream),
    deleteStream: (stream: string) => write('delete', stream),
    setStreamMetadata: (stream: string) => write('metadata', stream),
  } as never;
}

describe('EventStoreDB permission check', () => {
  it('passes when the user may read $all and read and append ledger streams, and nothing else', async () => {
    const client = serverWhere((operation, stream) => {
      if (operation === 'read' && stream === '$all') return 'ok';
      if (stream.startsWith('$')) return 'denied';
      return operation === 'read' || operation === 'write' ? 'refused later' : 'denied';
    });
    const checks = await checkPermissions(client);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks).toHaveLength(8);
  });

  it('fails, naming each excess, for a user with an admin’s rights', async () => {
    const checks = await checkPermissions(serverWhere(() => 'refused later'));
    expect(checks.filter((c) => !c.ok).map((c) => c.what)).toEqual([
      'delete a ledger stream',
      'write a ledger stream’s metadata (truncate, ACL)',
      'write $settings (default ACLs)',
      'write the ACL of $all',
      'read a system stream ($settings)',
    ]);
  });

  it('fails on $all for a user with only the default user-stream rights (the 24.10 default)', async () => {
    const checks = await checkPermissions(
      serverWhere((operation, stream) => (stream.startsWith('$') ? 'denied' : 'refused later')),
    );
    expect(checks.filter((c) => !c.ok).map((c) => c.what)).toEqual([
      'read $all (queries, projector, follow-ups)',
      'delete a ledger stream',
      'write a ledger stream’s metadata (truncate, ACL)',
    ]);
  });
});

describe('the ledger’s ACLs', () => {
  it('let the application user read and write user streams, and only admins delete or change metadata', () => {
    expect(defaultAcls('budget-app').$userStreamAcl).toEqual({
      $r: ['$admins', 'budget-app'],
      $w: ['$admins', 'budget-app'],
      $d: '$admins',
      $mr: '$admins',
      $mw: '$admins',
    });
  });

  it('reads user, password, first host and TLS settings from a connection string', () => {
    expect(
      connectionParts('esdb://budget-app:s%40crt@a:2113,b:2113?tls=true&tlsCAFile=certs/ca.crt'),
    ).toEqual({
      username: 'budget-app',
      password: 's@crt',
      host: 'a:2113',
      tls: true,
      tlsCAFile: 'certs/ca.crt',
    });
    expect(connectionParts('esdb://localhost:2113?tls=false')).toMatchObject({
      username: null,
      tls: false,
    });
  });
});
