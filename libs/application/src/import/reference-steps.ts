import {
  documentReferenceKey,
  legalDocumentDecider,
  spendingUnitDecider,
  streamIdForLegalDocument,
  streamIdForSpendingUnit,
  streamIdForUser,
  userDecider,
} from '@app/budgeting';
import { DATA_FILES, type DataSet } from './data-set';
import { IMPORT_ACTOR, onStream, type ImportStep, type StepBase } from './import-step';

/** Documents, units, people and their delegations: each one command on its own stream. */
export function referenceSteps(set: DataSet): ImportStep[] {
  const steps: ImportStep[] = [];
  set.documents.forEach((doc, i) => {
    const streamId = streamIdForLegalDocument(doc.number, doc.issuedOn);
    const data = {
      number: doc.number,
      type: doc.type,
      issuer: doc.issuer,
      issuedOn: doc.issuedOn,
      signerName: doc.signerName ?? null,
      signerCapacity: doc.signerCapacity ?? null,
      title: doc.title,
    };
    const base: StepBase = {
      kind: 'document',
      file: DATA_FILES.documents,
      path: ['documents', i],
      illustrative: doc.illustrative ?? false,
      commandId: `import:documents:${documentReferenceKey(doc.number, doc.issuedOn)}`,
      streamId,
      actor: IMPORT_ACTOR,
      effectiveDate: doc.issuedOn,
      fields: { on: 'issuedOn' },
    };
    const command = {
      type: 'RegisterLegalDocument' as const,
      data,
      actor: IMPORT_ACTOR,
      on: doc.issuedOn,
    };
    steps.push(onStream(base, legalDocumentDecider, command, streamId));
  });
  set.units.forEach((unit, i) => {
    const streamId = streamIdForSpendingUnit(unit.code);
    const data = {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      validFrom: unit.validFrom,
      validTo: unit.validTo ?? null,
    };
    const base: StepBase = {
      kind: 'unit',
      file: DATA_FILES.units,
      path: ['units', i],
      illustrative: unit.illustrative ?? false,
      commandId: `import:units:${unit.code}`,
      streamId,
      actor: IMPORT_ACTOR,
      effectiveDate: unit.validFrom,
      fields: { on: 'validFrom' },
    };
    const command = {
      type: 'RegisterSpendingUnit' as const,
      data,
      actor: IMPORT_ACTOR,
      on: unit.validFrom,
    };
    steps.push(onStream(base, spendingUnitDecider, command, unit.code));
    (unit.signatories ?? []).forEach((s, j) => {
      const register = {
        type: 'RegisterUnitSignatory' as const,
        data: {
          code: unit.code,
          capacity: s.capacity,
          standing: s.standing,
          personId: s.personId,
          name: s.name,
          title: s.title,
          validFrom: s.validFrom,
          validTo: s.validTo ?? null,
          specimen: { number: s.specimen.number, registeredOn: s.specimen.registeredOn },
          appointment: s.appointment ?? null,
        },
        actor: IMPORT_ACTOR,
        on: s.validFrom,
      };
      const signatoryBase: StepBase = {
        kind: 'signatory',
        file: DATA_FILES.units,
        path: ['units', i, 'signatories', j],
        illustrative: s.illustrative ?? false,
        commandId: `import:units:${unit.code}:signatories:${s.capacity}:${s.personId}:${s.validFrom}`,
        streamId,
        actor: IMPORT_ACTOR,
        effectiveDate: s.validFrom,
        fields: { on: 'validFrom', code: null },
      };
      steps.push(onStream(signatoryBase, spendingUnitDecider, register, unit.code));
    });
    (unit.budgetRelationshipCodes ?? []).forEach((c, j) => {
      const record = {
        type: 'RecordBudgetRelationshipCode' as const,
        data: {
          code: unit.code,
          budgetRelationshipCode: c.budgetRelationshipCode,
          validFrom: c.validFrom,
          certificate: c.certificate ?? null,
        },
        actor: IMPORT_ACTOR,
        on: c.validFrom,
      };
      const codeBase: StepBase = {
        kind: 'budget_relationship_code',
        file: DATA_FILES.units,
        path: ['units', i, 'budgetRelationshipCodes', j],
        illustrative: c.illustrative ?? false,
        commandId: `import:units:${unit.code}:budget-relationship-codes:${c.validFrom}`,
        streamId,
        actor: IMPORT_ACTOR,
        effectiveDate: c.validFrom,
        fields: { on: 'validFrom', code: null },
      };
      steps.push(onStream(codeBase, spendingUnitDecider, record, unit.code));
    });
  });
  set.people.forEach((person, i) => {
    const streamId = streamIdForUser(person.id);
    const register = {
      type: 'RegisterUser' as const,
      data: {
        userId: person.id,
        name: person.name,
        role: person.role,
        unit: person.unit ?? null,
      },
      actor: IMPORT_ACTOR,
      on: person.registeredOn,
    };
    const base: StepBase = {
      kind: 'person',
      file: DATA_FILES.people,
      path: ['people', i],
      illustrative: person.illustrative ?? false,
      commandId: `import:people:${person.id}`,
      streamId,
      actor: IMPORT_ACTOR,
      effectiveDate: person.registeredOn,
      fields: { on: 'registeredOn', userId: 'id', bootstrap: null },
    };
    steps.push(onStream(base, userDecider, register, person.id));
    (person.delegations ?? []).forEach((d, j) => {
      const delegate = {
        type: 'DelegateAuthority' as const,
        data: {
          userId: person.id,
          delegationId: d.id,
          capacity: d.capacity,
          title: d.title,
          programParts: d.programParts ?? [],
          units: d.units ?? [],
          validFrom: d.validFrom,
          validTo: d.validTo ?? null,
          legalBasis: d.legalBasis,
        },
        actor: IMPORT_ACTOR,
        on: d.validFrom,
      };
      const delegationBase: StepBase = {
        kind: 'delegation',
        file: DATA_FILES.people,
        path: ['people', i, 'delegations', j],
        illustrative: d.illustrative ?? false,
        commandId: `import:people:${person.id}:delegations:${d.id}`,
        streamId,
        actor: IMPORT_ACTOR,
        effectiveDate: d.validFrom,
        fields: { on: 'validFrom', delegationId: 'id', userId: null },
      };
      steps.push(onStream(delegationBase, userDecider, delegate, person.id));
    });
  });
  return steps;
}
