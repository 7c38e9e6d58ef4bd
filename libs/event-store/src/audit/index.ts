export * from './audit-error';
export {
  AUDIT_KEY_FILE,
  fingerprintOf,
  loadAuditKey,
  trustedFingerprints,
  type AuditKeySettings,
  type AuditSigningKey,
} from './audit-key';
export {
  AUDIT_ACTOR,
  AUDIT_EVENT_TYPE,
  AUDIT_STREAM,
  EXPORT_FORMAT,
  checkSignature,
  exportCheckpoint,
  parseExportedCheckpoint,
  readStoredCheckpoint,
  signCheckpoint,
  signingPayload,
  type CheckpointRecord,
  type ExportedCheckpoint,
  type SignedCheckpoint,
  type StoredCheckpoint,
} from './checkpoint';
export { EMPTY_ROOT, leafHash, MerkleFrontier, merkleRootOf, nodeHash } from './merkle';
export * from './write-checkpoint';
export * from './verify-audit';
export * from './audit-checkpointer';
export * from './ledger-verification';
