/** The dashboard shows what the API shows: one rule, in auth/visibility.ts. */
export { approvalUnit, canSeeUnit, seesEverything } from '../auth/visibility';
