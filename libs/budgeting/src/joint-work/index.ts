export * from './joint-trip';
export * from './joint-trip.decider';
export * from './lead-agency.decider';
export * from './trip-claim.rules';
export * from './traveller-days.decider';
export { jointWorkErrors } from './joint-work.errors';
export { JOINT_WORK_POLICIES } from './joint-work.policy';
