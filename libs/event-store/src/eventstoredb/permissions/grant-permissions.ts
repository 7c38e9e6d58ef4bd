import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isDeepStrictEqual } from 'node:util';
import {
  ANY,
  BACKWARDS,
  END,
  StreamNotFoundError,
  jsonEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { CHECKPOINT_STREAM_PREFIX } from '../eventstoredb-mapping';
import { KEPT_CHECKPOINTS, LEDGER_CONSUMERS, allStreamAcl, defaultAcls } from './ledger-acl';

/** The parts of an `esdb://` connection string the HTTP user API needs. */
export interface ConnectionParts {
  readonly username: string | null;
  readonly password: string | null;
  /** The first host:port listed (HTTP and gRPC share the port). */
  readonly host: string;
  readonly tls: boolean;
  readonly tlsCAFile: string | null;
}

/** Parses `esdb[+discover]://[user[:password]@]host:port[,host:port…][?params]`. */
export function connectionParts(connectionString: string): ConnectionParts {
  const match =
    /^esdb(?:\+discover)?:\/\/(?:([^:@/]+)(?::([^@/]*))?@)?([^/?]+)\/?(?:\?(.*))?$/.exec(
      connectionString,
    );
  if (!match) throw new Error('not an esdb:// connection string');
  const [, username, password, hosts = '', query = ''] = match;
  const params = new URLSearchParams(query);
  const param = (name: string) => {
    for (const [key, value] of params) if (key.toLowerCase() === name.toLowerCase()) return value;
    return null;
  };
  return {
    username: username ? decodeURIComponent(username) : null,
    password: password ? decodeURIComponent(password) : null,
    host: hosts.split(',')[0] ?? '',
    tls: param('tls') !== 'false',
    tlsCAFile: param('tlsCAFile'),
  };
}

/** One call of the server's HTTP user API as `admin`; resolves with the status code. */
function userApi(
  parts: ConnectionParts,
  method: string,
  path: string,
  body: unknown,
): Promise<number> {
  const auth = Buffer.from(`${parts.username ?? ''}:${parts.password ?? ''}`).toString('base64');
  const options = {
    method,
    headers: { 'content-type': 'application/json', authorization: `Basic ${auth}` },
    ...(parts.tlsCAFile ? { ca: readFileSync(parts.tlsCAFile) } : {}),
  };
  const url = `${parts.tls ? 'https' : 'http'}://${parts.host}${path}`;
  const send = parts.tls ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const call = send(url, options, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    call.on('error', reject);
    call.end(JSON.stringify(body));
  });
}

/** Creates the application user, or sets its password if it exists (idempotent). */
async function ensureUser(admin: ConnectionParts, login: string, password: string) {
  const created = await userApi(admin, 'POST', '/users/', {
    loginName: login,
    fullName: 'Budget ledger application',
    groups: [],
    password,
  });
  if (created === 201) return 'created';
  if (created !== 409) throw new Error(`creating user ${login} answered HTTP ${created}`);
  const reset = await userApi(
    admin,
    'POST',
    `/users/${encodeURIComponent(login)}/command/reset-password`,
    {
      newPassword: password,
    },
  );
  if (reset < 200 || reset >= 300)
    throw new Error(`resetting ${login}'s password answered HTTP ${reset}`);
  return 'password set';
}

/** The data of a stream's last event, or null. */
async function lastData(client: EventStoreDBClient, stream: string): Promise<unknown> {
  try {
    for await (const resolved of client.readStream(stream, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    })) {
      return resolved.event?.data ?? null;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return null;
}

/**
 * As `admin` (the admin connection string's credentials): creates the application user
 * named in the application's connection string, writes the default ACLs to `$settings`,
 * the ACL of `$all`, and the checkpoint streams' bounds — each only if it differs, so
 * running it again changes nothing. Returns what it did, one line each.
 */
export async function grantPermissions(
  admin: EventStoreDBClient,
  adminConnectionString: string,
  appConnectionString: string,
): Promise<string[]> {
  const app = connectionParts(appConnectionString);
  if (!app.username || !app.password) {
    throw new Error('the application connection string must name its user and password');
  }
  const done: string[] = [];
  done.push(
    `user ${app.username}: ${await ensureUser(connectionParts(adminConnectionString), app.username, app.password)}`,
  );

  const settings = defaultAcls(app.username);
  if (isDeepStrictEqual(await lastData(admin, '$settings'), settings)) {
    done.push('$settings: default ACLs already as required');
  } else {
    await admin.appendToStream(
      '$settings',
      jsonEvent({ type: 'update-default-acl', data: settings }),
      {
        expectedRevision: ANY,
      },
    );
    done.push('$settings: default ACLs written');
  }

  const allAcl = { $acl: { $r: allStreamAcl(app.username).readRoles } };
  if (isDeepStrictEqual(await lastData(admin, '$$$all'), allAcl)) {
    done.push('$all: ACL already as required');
  } else {
    await admin.setStreamMetadata('$all', { acl: allStreamAcl(app.username) });
    done.push('$all: ACL written');
  }

  for (const consumer of LEDGER_CONSUMERS) {
    const stream = `${CHECKPOINT_STREAM_PREFIX}${consumer}`;
    const bound = { $maxCount: KEPT_CHECKPOINTS };
    if (isDeepStrictEqual(await lastData(admin, `$$${stream}`), bound)) {
      done.push(`${stream}: bound already set`);
    } else {
      await admin.setStreamMetadata(stream, { maxCount: KEPT_CHECKPOINTS });
      done.push(`${stream}: kept to its last ${KEPT_CHECKPOINTS} events`);
    }
  }
  return done;
}
