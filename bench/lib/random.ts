/** The same seeded generator as the tests' histories (mulberry32), so a seed means one history. */
export { SeededRandom as Random } from '@app/testing';
