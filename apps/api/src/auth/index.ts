export { AuthGuard } from './auth.guard';
export { Allow, CurrentActor, CurrentAuthority, Public } from './auth.decorators';
export { bearerToken } from './bearer-token';
export {
  CredentialStore,
  type AuthenticatedUser,
  type StoredUser,
  type UserInput,
  Credentials,
  SecurityLog,
  type Refusal,
} from '@app/api-state';
