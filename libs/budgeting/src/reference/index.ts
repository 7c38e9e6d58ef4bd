export {
  isUnitActiveOn,
  spendingUnitDecider,
  streamIdForSpendingUnit,
  UNIT_KINDS,
  type SpendingUnit,
  type SpendingUnitCommand,
  type SpendingUnitEvent,
  type SpendingUnitState,
  type UnitKind,
} from './spending-unit.decider';
export {
  DOCUMENT_TYPES,
  legalDocumentDecider,
  streamIdForLegalDocument,
  type DocumentType,
  type LegalDocument,
  type LegalDocumentCommand,
  type LegalDocumentEvent,
  type LegalDocumentState,
} from './legal-document.decider';
export {
  streamIdForUser,
  userDecider,
  type Delegation,
  type UserCommand,
  type UserEvent,
  type UserProfile,
  type UserState,
} from './user.decider';
export { authorityOn, HEAD_CAPACITIES } from './user-authority';
export { documentReferenceKey, parseDocumentReference } from './document-reference';
export {
  CAPACITY_LABELS,
  SIGNATORY_STANDINGS,
  SIGNING_CAPACITIES,
  signatoryOn,
  signsWithTwoSignatures,
  type SignatoryStanding,
  type SigningCapacity,
  type SpecimenRegistration,
  type UnitSignatory,
} from './signatory';
export {
  budgetRelationshipCodeOn,
  withBudgetRelationshipCode,
  type BudgetRelationshipCode,
} from './budget-relationship-code';
