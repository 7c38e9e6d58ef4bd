import { type Credentials, openCredentials } from '@app/api-state';
import { loadConfig, withDataDir } from '@app/config';

/**
 * The API's own credential store, closed once `use` is done: `<data>/auth.sqlite`, or the
 * MongoDB collections when READ_STORE=mongodb (MONGODB_URL), as the API chooses it.
 */
export async function withCredentials<T>(
  dataDir: string,
  use: (store: Credentials) => T | Promise<T>,
): Promise<T> {
  const { credentials, close } = await openCredentials(
    withDataDir(loadConfig(), dataDir).readStore,
  );
  try {
    return await use(credentials);
  } finally {
    await close();
  }
}
