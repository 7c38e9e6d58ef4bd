export { AuthGuard } from './auth.guard';
export { Allow, CurrentActor, CurrentAuthority, Public } from './auth.decorators';
export { bearerToken } from './bearer-token';
export {
  CredentialStore,
  type AuthenticatedUser,
  type StoredUser,
  type UserInput,
} from './credential-store';
export { Credentials } from './credentials.port';
export { SecurityLog, type Refusal } from './security-log';
