import { LedgerClock } from '../shared/ledger-clock';

/** Test-only: the ledger's "today", moved on by the spec (lapses run against it). */
export class DayClock extends LedgerClock {
  constructor(public day: string) {
    super();
  }
  now(): Date {
    return new Date(`${this.day}T03:00:00Z`);
  }
}
