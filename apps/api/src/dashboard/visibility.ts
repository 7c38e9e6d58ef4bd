/** The dashboard shows what the API shows: one rule, in auth/visibility.ts. */
export { canSeeUnit, seesEverything } from '../auth/visibility';
