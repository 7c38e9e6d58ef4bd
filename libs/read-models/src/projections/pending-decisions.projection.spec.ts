import type { RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import { PENDING_DECISIONS, pendingDecisionsProjection } from './pending-decisions.projection';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
let position = 0n;

function recorded(type: string, data: Record<string, unknown>, effectiveDate = '2024-05-10') {
  position++;
  return {
    id: `e${position}`,
    streamId: 's',
    revision: position,
    position,
    type,
    schemaVersion: 1,
    data: data as RecordedEvent['data'],
    metadata: {
      actor: 'u',
      correlationId: 'c',
      causationId: null,
      effectiveDate,
      recordedAt: '2024-05-10T00:00:00.000Z',
    },
    previousHash: null,
    hash: 'h',
  } satisfies RecordedEvent;
}

/** Runs events through the projection over an in-memory collection. */
function project(events: RecordedEvent[]): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const event of events) {
    const writes = pendingDecisionsProjection.evolve((collection, id) => {
      expect(collection).toBe(PENDING_DECISIONS);
      return docs.get(id) ?? null;
    }, event);
    for (const w of writes) {
      if (w.op === 'put') docs.set(w.doc.id, w.doc);
      else docs.delete(w.id);
    }
  }
  return docs;
}

const proposed = (id: string) =>
  recorded('ExpenditureProposed', {
    budgetLineId: LINE,
    expenditureId: id,
    amount: '600000000',
    category: 'training',
    description: 'Tập huấn',
    payee: 'Trung tâm',
    proposedBy: 'u-officer',
    proposedByPerson: 'p-officer',
  });
const line = (type: string, id: string, more: Record<string, unknown> = {}) =>
  recorded(type, { budgetLineId: LINE, expenditureId: id, ...more });

describe('pending decisions projection', () => {
  describe('given an expenditure proposed', () => {
    it('waits with what authorize needs: unit, part, date, proposer', () => {
      const doc = project([proposed('x1')]).get('expenditure:x1');
      expect(doc).toMatchObject({
        kind: 'expenditure',
        fiscalYear: 2024,
        unit: 'LDTBXH',
        programPart: 'DA7.TDA1',
        budgetLineId: LINE,
        subjectId: 'x1',
        amount: '600000000',
        on: '2024-05-10',
        askedBy: 'u-officer',
        askedByPerson: 'p-officer',
        status: 'proposed',
        waiting: true,
        signed: [],
      });
    });

    it('keeps the capacities signed so far', () => {
      const docs = project([
        proposed('x1'),
        line('ExpenditureSigned', 'x1', { capacity: 'account_holder' }),
      ]);
      expect(docs.get('expenditure:x1')?.signed).toEqual(['account_holder']);
    });

    it.each(['ExpenditureRejected', 'ExpenditureReversed'])('leaves the index when %s', (type) => {
      expect(project([proposed('x1'), line(type, 'x1')]).size).toBe(0);
    });
  });

  describe('given it was approved', () => {
    const approved = () => [proposed('x1'), line('ExpenditureApproved', 'x1')];

    it('waits for the payment, then leaves once paid', () => {
      expect(project(approved()).get('expenditure:x1')).toMatchObject({
        status: 'approved',
        waiting: true,
      });
      expect(project([...approved(), line('ExpenditureDisbursed', 'x1')]).size).toBe(0);
    });

    it('waits at the Treasury, and for a resend when the Treasury refuses and it is kept', () => {
      const sent = [...approved(), line('ExpenditureSentToTreasury', 'x1')];
      expect(project(sent).get('expenditure:x1')).toMatchObject({ status: 'sent', waiting: true });
      const kept = project([
        ...sent,
        line('ExpenditureRefusedByTreasury', 'x1', { commitment: 'kept' }),
      ]);
      expect(kept.get('expenditure:x1')).toMatchObject({
        status: 'approved',
        treasuryAnswer: 'refused_kept',
        waiting: true,
      });
      const released = [line('ExpenditureRefusedByTreasury', 'x1', { commitment: 'released' })];
      expect(project([...sent, ...released]).size).toBe(0);
    });

    it('stops waiting when it lapses, and waits again when a late entry recommits it', () => {
      const lapsed = [...approved(), line('ExpenditureLapsed', 'x1')];
      expect(project(lapsed).get('expenditure:x1')).toMatchObject({
        status: 'lapsed',
        waiting: false,
      });
      const earmarked = project([...lapsed, line('LapseCorrected', 'x1', { recommits: false })]);
      expect(earmarked.get('expenditure:x1')?.waiting).toBe(false);
      const back = project([...lapsed, line('LapseCorrected', 'x1', { recommits: true })]);
      expect(back.get('expenditure:x1')).toMatchObject({ status: 'approved', waiting: true });
    });
  });

  it('files an item whose line id it cannot read under no year, rather than stall', () => {
    const odd = recorded('ExpenditureProposed', { budgetLineId: 'L1', expenditureId: 'x9' });
    expect(project([odd]).get('expenditure:x9')).toMatchObject({ fiscalYear: null, unit: null });
  });

  describe('given a transfer requested', () => {
    const requested = recorded(
      'TransferRequested',
      {
        transferId: 't1',
        kind: 'reallocation',
        fromLine: '2024.DA1.TDA1.central.2024.LDTBXH',
        toLine: LINE,
        amount: '50000000',
        decision: '12/QĐ-UBND',
        legalBasis: [],
        requestedBy: 'u-officer',
      },
      '2024-06-01',
    );

    it('waits, named by both lines and its request date', () => {
      expect(project([requested]).get('transfer:t1')).toMatchObject({
        kind: 'transfer',
        fiscalYear: 2024,
        unit: 'LDTBXH',
        budgetLineId: LINE,
        fromLine: '2024.DA1.TDA1.central.2024.LDTBXH',
        on: '2024-06-01',
        askedBy: 'u-officer',
        askedByPerson: null,
        waiting: true,
      });
    });

    it.each(['TransferApproved', 'TransferRejected'])('leaves the index when %s', (type) => {
      expect(project([requested, recorded(type, { transferId: 't1' })]).size).toBe(0);
    });
  });

  describe('given a plan', () => {
    const ref = { fiscalYear: 2024, leadUnit: 'LDTBXH' };
    const drafted = (version: number, by: string) =>
      recorded('PlanDrafted', {
        ...ref,
        version,
        title: 'Kế hoạch 2024',
        totalAmount: '900000000',
        parts: [{ code: 'DA7.TDA1' }],
        draftedBy: { userId: by, personId: null },
      });
    const submitted = recorded(
      'PlanSubmitted',
      { ...ref, version: 1, on: '2024-03-01', submittedBy: { userId: 'u-sub', personId: 'p-sub' } },
      '2024-03-01',
    );

    it('waits once submitted, with everyone who prepared its version', () => {
      const doc = project([drafted(1, 'u-a'), drafted(1, 'u-b'), submitted]).get(
        'plan:2024-LDTBXH',
      );
      expect(doc).toMatchObject({
        unit: 'LDTBXH',
        subjectId: '2024/LDTBXH',
        parts: ['DA7.TDA1'],
        on: '2024-03-01',
        status: 'submitted',
        waiting: true,
        preparers: [
          { userId: 'u-a', personId: null },
          { userId: 'u-b', personId: null },
          { userId: 'u-sub', personId: 'p-sub' },
        ],
      });
    });

    it('does not wait as a draft, nor once decided; a new version starts its own preparers', () => {
      expect(project([drafted(1, 'u-a')]).get('plan:2024-LDTBXH')?.waiting).toBe(false);
      for (const type of ['PlanApproved', 'PlanRejected']) {
        const decided = project([drafted(1, 'u-a'), submitted, recorded(type, ref)]);
        expect(decided.get('plan:2024-LDTBXH')?.waiting).toBe(false);
      }
      const amended = project([drafted(1, 'u-a'), submitted, drafted(2, 'u-c')]);
      expect(amended.get('plan:2024-LDTBXH')?.preparers).toEqual([
        { userId: 'u-c', personId: null },
      ]);
    });
  });
});
