import {
  MongoClient,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

export const DUPLICATE_KEY = 11000;

/** The URL with its password replaced by `***`, for messages and logs. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

export function passwordOf(url: string): string | null {
  const match = /^[a-z+]+:\/\/[^:/@]*:([^@/]*)@/i.exec(url);
  return match?.[1] ? match[1] : null;
}

export function databaseFromUrl(url: string): string | null {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export const DEFAULT_DATABASE = 'budget_read_models';

/** The database to use: the one given, else the one the URL names, else the default. */
export function databaseOf(url: string, database?: string): string {
  return database ?? databaseFromUrl(url) ?? DEFAULT_DATABASE;
}

/** The URL's password replaced by `***` in an error's message. */
export function maskedMessage(url: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const password = passwordOf(url);
  return password ? message.replaceAll(password, '***') : message;
}

/**
 * The one way this code base opens a MongoDB client (read store, API state): `w: majority`
 * and `readConcern: majority`, so that an acknowledged write survives a failover and
 * every replica reads what was acknowledged. Not yet connected.
 */
export function majorityClient(url: string): MongoClient {
  try {
    return new MongoClient(url, {
      writeConcern: { w: 'majority' },
      readConcern: { level: 'majority' },
    });
  } catch (error) {
    // The driver's own error is not attached as the cause: it may quote the URL.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`Invalid MongoDB URL ${maskUrl(url)}: ${maskedMessage(url, error)}`);
  }
}

export function isConnectionError(error: unknown): boolean {
  return (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoServerClosedError
  );
}

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}
