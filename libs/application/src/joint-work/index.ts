export * from './joint-work.handlers';
export { JointTravel, type LeadTerms } from './joint-travel';
export { TripDaysReleaseProcess } from './trip-days-release.process';
