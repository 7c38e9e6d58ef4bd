export { AuthGuard } from './auth.guard';
export { CurrentActor, CurrentAuthority, Public, Roles } from './auth.decorators';
export {
  CredentialStore,
  type AuthenticatedUser,
  type StoredUser,
  type UserInput,
} from './credential-store';
