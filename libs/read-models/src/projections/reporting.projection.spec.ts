import type { JsonObject, RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import {
  ILLUSTRATIVE,
  ILLUSTRATIVE_ALL,
  OUTPUT_REPORTS,
  reportingProjection,
  UNIT_NAMES,
} from './reporting.projection';

let position = 0n;
function recorded(type: string, data: JsonObject, extra: JsonObject = {}): RecordedEvent {
  position++;
  return {
    id: `e${position}`,
    streamId: 's',
    revision: position,
    position,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: 'system:import',
      correlationId: 'c',
      causationId: null,
      effectiveDate: '2024-05-10',
      recordedAt: `2024-05-1${position}T00:00:00.000Z`,
      extra,
    },
    previousHash: null,
    hash: 'h',
  };
}

/** Runs events through the projection, looking up only what `reads` names, as the runner does. */
function project(events: readonly RecordedEvent[]): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const event of events) {
    if (!reportingProjection.handles.has(event.type)) continue;
    const named = new Set(reportingProjection.reads(event).map((r) => `${r.collection}/${r.id}`));
    const writes = reportingProjection.evolve((c, id) => {
      if (!named.has(`${c}/${id}`)) throw new Error(`undeclared read ${c}/${id}`);
      return docs.get(`${c}/${id}`) ?? null;
    }, event);
    for (const w of writes) {
      if (w.op === 'put') docs.set(`${w.collection}/${w.doc.id}`, w.doc);
    }
  }
  return docs;
}

describe('the reporting read model', () => {
  it('counts the events the importer marked illustrative, whole items or some fields, and when the first was recorded', () => {
    const docs = project([
      recorded('FundsAllocated', { amount: '1' }, { illustrative: true }),
      recorded('LegalDocumentRegistered', { number: '54/KH-UBND' }, { illustrative: ['issuer'] }),
      recorded('FundsCarriedIn', { amount: '2' }),
      recorded('LegalDocumentRegistered', { number: '90/QĐ-TTg' }, { illustrative: [] }),
    ]);
    expect(docs.get(`${ILLUSTRATIVE}/${ILLUSTRATIVE_ALL}`)).toMatchObject({
      count: 2,
      firstRecordedAt: '2024-05-11T00:00:00.000Z',
    });
  });

  it('keeps no mark for a log without illustrative events', () => {
    expect(project([recorded('FundsAllocated', { amount: '1' })]).size).toBe(0);
  });

  it('keeps every output progress report with its dates, and units by code', () => {
    const docs = project([
      recorded('OutputProgressReported', {
        fiscalYear: 2024,
        leadUnit: 'LDTBXH',
        activityId: 'DA6.TDA2-pano',
        outputId: 'pano',
        progress: { kind: 'count', delivered: 10, target: 15 },
      }),
      recorded('SpendingUnitRegistered', { code: 'LDTBXH', name: 'Phòng LĐTBXH' }),
    ]);
    const report = [...docs.entries()].find(([k]) => k.startsWith(OUTPUT_REPORTS))?.[1];
    expect(report).toMatchObject({
      fiscalYear: 2024,
      activityId: 'DA6.TDA2-pano',
      kind: 'count',
      delivered: 10,
      effectiveDate: '2024-05-10',
    });
    expect(docs.get(`${UNIT_NAMES}/LDTBXH`)).toMatchObject({ name: 'Phòng LĐTBXH' });
  });
});
