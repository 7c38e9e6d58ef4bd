/** Injection token of the DocumentStore port (two adapters: SQLite, MongoDB). */
export const DOCUMENT_STORE = Symbol('DocumentStore');
