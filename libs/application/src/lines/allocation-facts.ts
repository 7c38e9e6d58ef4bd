import {
  fold,
  legalDocumentDecider,
  spendingUnitDecider,
  streamIdForLegalDocument,
  streamIdForSpendingUnit,
  type DecisionFacts,
  type LegalDocumentEvent,
  type SpendingUnitEvent,
  type UnitFacts,
} from '@app/budgeting';
import type { EventStore } from '@app/event-store';
import { decodeEvent, type DomainEvent } from '../event-codec';

/**
 * Where the register may hold an allocation's decision: a number is unique per issuer and
 * year, and an allocation cites the number alone, so the decision is looked for in the
 * effective date's year and the year before (estimates are often assigned in December for
 * the next year).
 */
export function decisionStreams(decision: string, effectiveDate: string): string[] {
  const year = Number(effectiveDate.slice(0, 4));
  return [year, year - 1].map((y) => streamIdForLegalDocument(decision, `${y}-01-01`));
}

/**
 * The decision as registered, from its candidate streams' events (the latest issued by
 * `on`). `allocationId`: the allocation being decided, whose own charge (a retry after its
 * charge landed) is not another allocation's.
 */
export function decisionFactsFrom(
  streams: readonly (readonly DomainEvent[])[],
  on: string,
  allocationId: string | null = null,
): DecisionFacts | null {
  const found = streams
    .map((events) => fold(legalDocumentDecider, events as readonly LegalDocumentEvent[]))
    .flatMap((state) => (state.status === 'registered' ? [state] : []))
    .sort((a, b) => (a.document.issuedOn < b.document.issuedOn ? 1 : -1));
  const chosen = found.find((s) => s.document.issuedOn <= on) ?? found[0];
  if (!chosen) return null;
  const d = chosen.document;
  return {
    number: d.number,
    type: d.type,
    issuer: d.issuer,
    issuedOn: d.issuedOn,
    amount: d.amount ?? null,
    allocated: chosen.charged - (allocationId === null ? 0n : (chosen.charges[allocationId] ?? 0n)),
  };
}

export function unitFactsFrom(events: readonly DomainEvent[]): UnitFacts | null {
  const state = fold(spendingUnitDecider, events as readonly SpendingUnitEvent[]);
  if (state.status !== 'registered') return null;
  const { code, validFrom, validTo } = state.unit;
  return { code, validFrom, validTo };
}

async function eventsOf(store: EventStore, streamId: string): Promise<DomainEvent[]> {
  return (await store.readStream(streamId)).map((e) => decodeEvent(e));
}

/** What an allocation's decider needs to know from the registers, read now. */
export async function lookUpAllocationFacts(
  store: EventStore,
  unit: string,
  decision: string,
  on: string,
  allocationId: string | null = null,
): Promise<{ decisionDocument: DecisionFacts | null; unitRegistration: UnitFacts | null }> {
  const decisionDocument = await lookUpDecision(store, decision, on, allocationId);
  const unitEvents = await eventsOf(store, streamIdForSpendingUnit(unit));
  return { decisionDocument, unitRegistration: unitFactsFrom(unitEvents) };
}

/**
 * A decision a write cites (an allocation's, a cancellation's), as the register holds it
 * on `on`; null: none. `allocationId`: an allocation being corrected, whose own charge
 * against the decision does not count.
 */
export async function lookUpDecision(
  store: EventStore,
  decision: string,
  on: string,
  allocationId: string | null = null,
): Promise<DecisionFacts | null> {
  const streams = await Promise.all(decisionStreams(decision, on).map((id) => eventsOf(store, id)));
  return decisionFactsFrom(streams, on, allocationId);
}

/**
 * A decision cited with its date of issue (an extension's): its number is unique with its
 * issuer and year, so the register's one stream for that year holds it; null: not there.
 */
export async function lookUpCitedDecision(
  store: EventStore,
  decision: { readonly number: string; readonly issuedOn: string },
): Promise<DecisionFacts | null> {
  const events = await eventsOf(
    store,
    streamIdForLegalDocument(decision.number, decision.issuedOn),
  );
  return decisionFactsFrom([events], decision.issuedOn);
}
