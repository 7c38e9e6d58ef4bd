import type { Credentials } from '@app/api-state';
import { loadConfig, withDataDir } from '@app/config';

/**
 * The API's own credential store, closed once `use` is done: `<data>/auth.sqlite`, or the
 * MongoDB collections when READ_STORE=mongodb (MONGODB_URL), as the API chooses it.
 */
export async function withCredentials<T>(
  dataDir: string,
  use: (store: Credentials) => T | Promise<T>,
): Promise<T> {
  // Loaded here, not with the command: the API's state brings the MongoDB driver, which
  // the commands that never open it (`budget rebuild`, reports) should not load.
  const { openCredentials } = await import('@app/api-state');
  const { credentials, close } = await openCredentials(
    withDataDir(loadConfig(), dataDir).readStore,
  );
  try {
    return await use(credentials);
  } finally {
    await close();
  }
}
