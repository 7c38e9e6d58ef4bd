import type { Credentials } from '../../../api/src/auth/credentials.port';
import { apiStateConfigFromEnv, openCredentials } from '../../../api/src/http/api-state';

/**
 * The API's own credential store, closed once `use` is done: `<data>/auth.sqlite`, or the
 * MongoDB collections when READ_STORE=mongodb (MONGODB_URL), as the API chooses it.
 */
export async function withCredentials<T>(
  dataDir: string,
  use: (store: Credentials) => T | Promise<T>,
): Promise<T> {
  const { credentials, close } = await openCredentials(
    apiStateConfigFromEnv({ ...process.env, BUDGET_DATA_DIR: dataDir }),
  );
  try {
    return await use(credentials);
  } finally {
    await close();
  }
}
