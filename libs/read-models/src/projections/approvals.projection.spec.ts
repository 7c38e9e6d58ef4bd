import type { RecordedEvent } from '@app/event-store';
import type { Doc, Write } from '../document-store.port';
import { evolveDocs } from '../runner/states';
import { APPROVALS, APPROVAL_SUBJECTS, approvalsProjection } from './approvals.projection';

let position = 0n;
function recorded(
  type: string,
  data: Record<string, unknown>,
  actor: { id: string; name: string; role: string },
): RecordedEvent {
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
      actor: actor.id,
      correlationId: 'c',
      causationId: null,
      effectiveDate: '2024-05-10',
      recordedAt: `2024-05-1${position}T00:00:00.000Z`,
      extra: { actorName: actor.name, actorRole: actor.role, actorUnit: 'LDTBXH' },
    },
    previousHash: null,
    hash: 'h',
  };
}

/** Runs events through the projection with an in-memory document map. */
function project(events: RecordedEvent[]): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const event of events) {
    const writes: readonly Write[] = evolveDocs(
      approvalsProjection,
      (c, id) => docs.get(`${c}/${id}`) ?? null,
      event,
    );
    for (const w of writes) if (w.op === 'put') docs.set(`${w.collection}/${w.doc.id}`, w.doc);
  }
  return docs;
}

describe('approvals projection', () => {
  const officer = { id: 'u-officer', name: 'Nguyễn Văn A', role: 'officer' };
  const approver = { id: 'u-tich', name: 'Lữ Đình Tích', role: 'approver' };

  it('records who asked, who decided, in what capacity, when and on what basis', () => {
    const docs = project([
      recorded(
        'ExpenditureProposed',
        {
          budgetLineId: 'L1',
          expenditureId: 'x1',
          amount: '600000',
          description: 'Tập huấn',
          category: 'training',
          payee: 'TT',
        },
        officer,
      ),
      recorded(
        'ExpenditureApproved',
        {
          budgetLineId: 'L1',
          expenditureId: 'x1',
          amount: '600000',
          authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
          legalBasis: ['30/QĐ-UBND'],
        },
        approver,
      ),
    ]);
    expect(docs.get(`${APPROVAL_SUBJECTS}/expenditure:x1`)).toMatchObject({
      askedBy: { name: 'Nguyễn Văn A' },
    });
    expect(docs.get(`${APPROVALS}/e2`)).toMatchObject({
      kind: 'expenditure',
      decision: 'approved',
      what: 'Tập huấn',
      amount: '600000',
      askedBy: { id: 'u-officer' },
      decidedBy: { id: 'u-tich', name: 'Lữ Đình Tích' },
      capacity: 'KT. Chủ tịch',
      title: 'Phó Chủ tịch',
      effectiveDate: '2024-05-10',
      legalBasis: ['30/QĐ-UBND'],
    });
  });

  it('names the plan submitter as asker and the approval number as basis', () => {
    const docs = project([
      recorded(
        'PlanDrafted',
        {
          fiscalYear: 2024,
          leadUnit: 'LDTBXH',
          title: 'Kế hoạch 2024',
          totalAmount: '2444771300',
          draftedBy: { userId: 'u-officer', name: 'Nguyễn Văn A', role: 'officer', unit: 'LDTBXH' },
        },
        officer,
      ),
      recorded(
        'PlanSubmitted',
        {
          fiscalYear: 2024,
          leadUnit: 'LDTBXH',
          submittedBy: {
            userId: 'u-officer',
            name: 'Nguyễn Văn A',
            role: 'officer',
            unit: 'LDTBXH',
          },
        },
        officer,
      ),
      recorded(
        'PlanApproved',
        {
          fiscalYear: 2024,
          leadUnit: 'LDTBXH',
          number: '120/KH-UBND',
          totalAmount: '2444771300',
          legalBasis: ['90/QĐ-TTg'],
          approvedBy: { userId: 'u-tich', name: 'Lữ Đình Tích', role: 'approver', unit: null },
          authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
        },
        approver,
      ),
    ]);
    const approval = [...docs.values()].find((d) => d.id === `e${position}`);
    expect(approval).toMatchObject({
      kind: 'plan',
      what: 'Kế hoạch 2024',
      amount: '2444771300',
      askedBy: { id: 'u-officer' },
      decidedBy: { id: 'u-tich' },
      capacity: 'KT. Chủ tịch',
      legalBasis: ['90/QĐ-TTg', '120/KH-UBND'],
    });
  });
});
