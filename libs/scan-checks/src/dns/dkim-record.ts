import { createPublicKey } from 'node:crypto';

export interface DkimKeyRecord {
  /** Every tag as written, names in lower case. */
  tags: Record<string, string>;
  /** `k`, rsa by default. */
  keyType: string;
  /** `p` with its folding whitespace removed; empty means revoked. */
  publicKey: string;
  revoked: boolean;
  /** `t=y`: verifiers must treat signatures as unsigned mail. */
  testing: boolean;
  /** `h`, the hash algorithms allowed; undefined means all. */
  hashAlgorithms?: string[];
  errors: string[];
}

export interface DkimKeyStrength {
  /** Key algorithm as Node reads it: rsa, ed25519. */
  algorithm?: string;
  bits?: number;
  /** French reason the key cannot be used. */
  error?: string;
}

/** Parses a DKIM key record (RFC 6376 §3.6.1): a tag=value list where whitespace may fold values. */
export function parseDkimRecord(text: string): DkimKeyRecord {
  const errors: string[] = [];
  const tags: Record<string, string> = {};
  const parts = text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  parts.forEach((part, index) => {
    const match = part.match(/^([a-z][a-z0-9_]*)\s*=\s*([\s\S]*)$/i);
    if (!match) {
      errors.push(`« ${part} » : balise mal formée (attendu nom=valeur)`);
      return;
    }
    const name = match[1].toLowerCase();
    if (name in tags) errors.push(`la balise ${name} apparaît plusieurs fois`);
    tags[name] = match[2].trim();
    if (name === 'v' && (index !== 0 || tags.v !== 'DKIM1'))
      errors.push('v= doit être la première balise et valoir DKIM1');
  });
  if (tags.p === undefined) errors.push('la balise p (clé publique) est obligatoire');
  const publicKey = (tags.p ?? '').replace(/\s+/g, '');
  const flags = (tags.t ?? '').split(':').map((flag) => flag.trim().toLowerCase());
  return {
    tags,
    keyType: (tags.k ?? 'rsa').toLowerCase(),
    publicKey,
    revoked: tags.p !== undefined && publicKey === '',
    testing: flags.includes('y'),
    ...(tags.h !== undefined ? { hashAlgorithms: tags.h.split(':').map((h) => h.trim().toLowerCase()) } : {}),
    errors,
  };
}

/** Size of the published key. DKIM publishes RSA keys as SubjectPublicKeyInfo; some publish bare PKCS#1. */
export function dkimKeyStrength(record: DkimKeyRecord): DkimKeyStrength {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(record.publicKey)) return { error: 'la clé n’est pas du base64 valide' };
  const der = Buffer.from(record.publicKey, 'base64');
  if (record.keyType === 'ed25519') {
    // RFC 8463: the raw 32-byte key, not a SubjectPublicKeyInfo.
    return der.length === 32
      ? { algorithm: 'ed25519', bits: 256 }
      : { algorithm: 'ed25519', error: `clé Ed25519 de ${der.length} octets au lieu de 32` };
  }
  if (record.keyType !== 'rsa') return { error: `type de clé k=${record.keyType} inconnu` };
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType !== 'rsa') {
        return { algorithm: key.asymmetricKeyType, error: `clé ${key.asymmetricKeyType} publiée avec k=rsa` };
      }
      return { algorithm: 'rsa', bits: key.asymmetricKeyDetails?.modulusLength };
    } catch {
      // Try the next encoding.
    }
  }
  return { algorithm: 'rsa', error: 'clé RSA illisible' };
}
