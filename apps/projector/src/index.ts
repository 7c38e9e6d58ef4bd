// The projector's front door for the tests that run it in-process or watch its lease.
export { startProjector } from './start-projector';
export { holderPid } from './projector-settings';
