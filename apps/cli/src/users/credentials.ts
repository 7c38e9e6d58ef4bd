import { join } from 'node:path';
import { CredentialStore } from '../../../api/src/auth/credential-store';

/** The API's own credential store, on `<data>/auth.sqlite`, closed once `use` is done. */
export async function withCredentials<T>(
  dataDir: string,
  use: (store: CredentialStore) => T | Promise<T>,
): Promise<T> {
  const store = new CredentialStore(join(dataDir, 'auth.sqlite'));
  try {
    return await use(store);
  } finally {
    store.close();
  }
}
