export { AuthGuard } from './auth.guard';
export { CurrentActor, CurrentAuthority, Public, Roles } from './auth.decorators';
export {
  CredentialStore,
  type AuthenticatedUser,
  type StoredUser,
  type UserInput,
} from './credential-store';
export { Credentials } from './credentials.port';
export { SecurityLog, type Refusal } from './security-log';
