import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AuditError } from './audit-error';

/**
 * The key that signs checkpoints, and whom a verifier believes.
 *
 * Trust model. The log's own database cannot vouch for itself: whoever can rewrite
 * events can rewrite the checkpoints stored beside them. What an auditor can hold is
 * (1) an exported checkpoint file, kept outside the system, committing to the Merkle
 * root of the whole log up to a position, and (2) the public key's fingerprint, noted
 * when the file was exported. Checkpoints are signed with Ed25519, not an HMAC: the
 * auditor checks a signature with the public key alone and never holds a secret that
 * could forge one. A file is accepted only when its signature verifies AND its key is
 * one the verifier trusts: the ledger's own signing key, or a fingerprint listed in
 * BUDGET_AUDIT_TRUSTED_KEYS (an old key after a rotation, or the auditor's note when
 * checking a copy elsewhere). A file edited by hand fails the signature; a file made up
 * with a new key fails the trust check and names the unknown fingerprint.
 *
 * Where the private key lives: BUDGET_AUDIT_KEY (PEM text of a PKCS#8 Ed25519 key, or
 * the path of such a file), which is how production should run, the key kept out of
 * the data folder; otherwise `<data>/audit.key`, created on the first checkpoint with
 * mode 0600. The fallback is convenient, not strong: someone who can write the data
 * folder can also replace that key and re-sign a rewritten log — which the auditor's
 * exported file and recorded fingerprint still expose.
 */
export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
  /** Hex SHA-256 of the raw public key: what an auditor writes down. */
  readonly fingerprint: string;
  /** Where it came from, for messages: `BUDGET_AUDIT_KEY` or the key file's path. */
  readonly source: string;
}

export const AUDIT_KEY_FILE = 'audit.key';
const FINGERPRINT = /^[0-9a-f]{64}$/;

export function fingerprintOf(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex');
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

function keyFromPem(pem: string, source: string): AuditSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new AuditError(
      'AUDIT.KEY_INVALID',
      {
        vi: `khóa ký điểm kiểm tra (${source}) không đọc được: cần khóa riêng Ed25519 dạng PEM (PKCS#8)`,
        en: `the checkpoint signing key (${source}) cannot be read: an Ed25519 private key in PEM (PKCS#8) is needed`,
      },
      { cause: error },
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AuditError('AUDIT.KEY_INVALID', {
      vi: `khóa ký điểm kiểm tra (${source}) phải là Ed25519, không phải ${privateKey.asymmetricKeyType}`,
      en: `the checkpoint signing key (${source}) must be Ed25519, not ${privateKey.asymmetricKeyType}`,
    });
  }
  const publicKey = rawPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey), source };
}

/** The configured keys (BUDGET_AUDIT_KEY, BUDGET_AUDIT_TRUSTED_KEYS), as the config has them. */
export interface AuditKeySettings {
  /** A PEM key or a file holding one; null/absent: `<dataDir>/audit.key`. */
  readonly key?: string | null;
  /** Fingerprints separated by commas or spaces. */
  readonly trustedKeys?: string | null;
}

/**
 * The signing key from BUDGET_AUDIT_KEY (`key`) or `<dataDir>/audit.key`. With `create`,
 * a missing key file is generated (mode 0600); without it (verification), nothing is
 * written and null means "no key here".
 */
export function loadAuditKey(
  dataDir: string,
  options: AuditKeySettings & { readonly create: boolean },
): AuditSigningKey | null {
  const configured = options.key?.trim();
  if (configured) {
    if (configured.startsWith('-----BEGIN')) return keyFromPem(configured, 'BUDGET_AUDIT_KEY');
    if (!existsSync(configured)) {
      throw new AuditError('AUDIT.KEY_INVALID', {
        vi: `BUDGET_AUDIT_KEY không phải khóa PEM và không có tệp ${configured}`,
        en: `BUDGET_AUDIT_KEY is neither a PEM key nor an existing file: ${configured}`,
      });
    }
    return keyFromPem(readFileSync(configured, 'utf8'), configured);
  }
  const file = join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(file)) return keyFromPem(readFileSync(file, 'utf8'), file);
  if (!options.create) return null;
  return keyFromPem(createKeyFile(file), file);
}

/**
 * Writes a fresh key beside the log. Two processes may do this at once: the key is
 * written to a private temporary file and hard-linked into place, which fails if the
 * other got there first — then its key is the one used. A reader never sees half a file.
 */
function createKeyFile(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, 'utf8');
}

/**
 * Fingerprints a verifier believes: the ledger's signing key (if one is configured or
 * already exists; verifying never creates one) and BUDGET_AUDIT_TRUSTED_KEYS
 * (fingerprints separated by commas or spaces).
 */
export function trustedFingerprints(dataDir: string, settings: AuditKeySettings = {}): string[] {
  const trusted = new Set<string>();
  const own = loadAuditKey(dataDir, { ...settings, create: false });
  if (own) trusted.add(own.fingerprint);
  for (const item of (settings.trustedKeys ?? '').split(/[\s,]+/)) {
    const fingerprint = item.trim().toLowerCase();
    if (fingerprint === '') continue;
    if (!FINGERPRINT.test(fingerprint)) {
      throw new AuditError('AUDIT.KEY_INVALID', {
        vi: `BUDGET_AUDIT_TRUSTED_KEYS: "${item}" không phải dấu vân tay (64 ký tự hex)`,
        en: `BUDGET_AUDIT_TRUSTED_KEYS: "${item}" is not a fingerprint (64 hex characters)`,
      });
    }
    trusted.add(fingerprint);
  }
  return [...trusted];
}

export function signWith(key: AuditSigningKey, payload: string): string {
  return sign(null, Buffer.from(payload, 'utf8'), key.privateKey).toString('base64');
}

/** True when `signature` is `payload` signed by the raw Ed25519 `publicKey`. Never throws. */
export function signatureIsValid(publicKey: Buffer, payload: string, signature: string): boolean {
  try {
    if (publicKey.length !== 32) return false;
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
      format: 'jwk',
    });
    return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
