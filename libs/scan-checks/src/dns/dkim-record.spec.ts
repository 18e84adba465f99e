import { generateKeyPairSync } from 'node:crypto';
import { dkimKeyStrength, parseDkimRecord } from './dkim-record';

const rsaKey = (bits: number, type: 'spki' | 'pkcs1' = 'spki') =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .publicKey.export({ format: 'der', type })
    .toString('base64');

describe('DKIM key record parser (RFC 6376, RFC 8301, RFC 8463)', () => {
  it('reads the tags, folding whitespace out of the key', () => {
    const key = rsaKey(2048);
    const folded = `${key.slice(0, 100)} \t ${key.slice(100)}`;
    const record = parseDkimRecord(`v=DKIM1; k=RSA; h=sha256; t=y:s; p=${folded}`);
    expect(record).toMatchObject({
      keyType: 'rsa',
      publicKey: key,
      revoked: false,
      testing: true,
      hashAlgorithms: ['sha256'],
      errors: [],
    });
    expect(dkimKeyStrength(record)).toEqual({ algorithm: 'rsa', bits: 2048 });
  });

  it('measures RSA keys published as SubjectPublicKeyInfo or as bare PKCS#1', () => {
    expect(dkimKeyStrength(parseDkimRecord(`p=${rsaKey(1024)}`))).toEqual({ algorithm: 'rsa', bits: 1024 });
    expect(dkimKeyStrength(parseDkimRecord(`k=rsa; p=${rsaKey(512, 'pkcs1')}`))).toEqual({
      algorithm: 'rsa',
      bits: 512,
    });
  });

  it('accepts a raw Ed25519 key and refuses keys it cannot read', () => {
    const spki = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    const raw = spki.subarray(spki.length - 32).toString('base64');
    expect(dkimKeyStrength(parseDkimRecord(`v=DKIM1; k=ed25519; p=${raw}`))).toEqual({
      algorithm: 'ed25519',
      bits: 256,
    });
    expect(dkimKeyStrength(parseDkimRecord('v=DKIM1; k=dsa; p=AAAA'))).toEqual({
      error: 'type de clé k=dsa inconnu',
    });
    expect(dkimKeyStrength(parseDkimRecord('p=pas*du*base64'))).toEqual({
      error: 'la clé n’est pas du base64 valide',
    });
    expect(dkimKeyStrength(parseDkimRecord('p=QUJDRA=='))).toEqual({
      algorithm: 'rsa',
      error: 'clé RSA illisible',
    });
  });

  it('sees a revoked key and syntax errors', () => {
    expect(parseDkimRecord('v=DKIM1; p=')).toMatchObject({ revoked: true, testing: false, errors: [] });
    expect(parseDkimRecord('k=rsa; v=DKIM1; p=').errors).toEqual([
      'v= doit être la première balise et valoir DKIM1',
    ]);
    expect(parseDkimRecord('v=DKIM1; k=rsa').errors).toEqual(['la balise p (clé publique) est obligatoire']);
    expect(parseDkimRecord('v=DKIM1; p=; p=AAAA').errors).toEqual(['la balise p apparaît plusieurs fois']);
  });
});
