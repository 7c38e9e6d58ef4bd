/**
 * Document numbers as the reference data names them; the grammar itself lives in
 * shared/document-number.ts (which accepts mixed-case types and issuers: 90/QĐ-TTg).
 */
export {
  parseDocumentNumber as parseDocumentReference,
  documentKey as documentReferenceKey,
} from '../shared/document-number';
