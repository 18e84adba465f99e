/** Why a suite is unacceptable, most severe first. */
export const WEAKNESSES = ['NULL', 'anonymous', 'EXPORT', 'DES', 'RC4', '3DES', 'IDEA'] as const;
export type Weakness = (typeof WEAKNESSES)[number];

export type KeyExchange = 'TLS13' | 'ECDHE' | 'DHE' | 'RSA' | 'ECDH' | 'DH' | 'PSK' | 'SRP';

export interface SuiteTraits {
  keyExchange: KeyExchange;
  /** ADH / AECDH: no server authentication, so anyone in the path can impersonate the server. */
  anonymous: boolean;
  /** Ephemeral key exchange: a stolen server key does not decrypt recorded traffic. */
  forwardSecrecy: boolean;
  /** GCM, CCM or ChaCha20-Poly1305, as opposed to CBC or stream ciphers with a separate MAC. */
  aead: boolean;
  /** Effective symmetric strength (3DES counts 112, export suites 40). */
  bits: number;
  weakness?: Weakness;
}

function keyExchangeOf(name: string): KeyExchange {
  if (name.startsWith('TLS_')) return 'TLS13';
  const kx = name.replace(/^EXP1024-|^EXP-/, '');
  if (/^(ECDHE|AECDH)-/.test(kx) && !/^ECDHE-PSK/.test(kx)) return 'ECDHE';
  if (/^(DHE|EDH|ADH)-/.test(kx) && !/^DHE-PSK/.test(kx)) return 'DHE';
  if (/PSK/.test(kx)) return 'PSK';
  if (/^SRP-/.test(kx)) return 'SRP';
  if (/^ECDH-/.test(kx)) return 'ECDH';
  if (/^DH-/.test(kx)) return 'DH';
  return 'RSA';
}

function bitsOf(name: string): number {
  if (/NULL/.test(name)) return 0;
  if (/^EXP1024-/.test(name)) return 56;
  if (/^EXP-/.test(name)) return 40;
  if (/AES_?256|CAMELLIA_?256|ARIA_?256|CHACHA20/.test(name)) return 256;
  if (/DES-CBC3|3DES/.test(name)) return 112;
  if (/DES-CBC-|_DES_CBC_/.test(name)) return 56;
  return 128; // AES128, CAMELLIA128, ARIA128, SEED, IDEA, RC4-128
}

function weaknessOf(name: string, anonymous: boolean): Weakness | undefined {
  if (/NULL/.test(name)) return 'NULL';
  if (anonymous) return 'anonymous';
  if (/^EXP/.test(name)) return 'EXPORT';
  if (/DES-CBC-|_DES_CBC_/.test(name)) return 'DES';
  if (/RC4/.test(name)) return 'RC4';
  if (/DES-CBC3|3DES/.test(name)) return '3DES';
  if (/IDEA/.test(name)) return 'IDEA';
  return undefined;
}

/** Traits of a suite from its OpenSSL name (the name Node's getCipher() returns and sslscan prints). */
export function suiteTraits(name: string): SuiteTraits {
  const keyExchange = keyExchangeOf(name);
  const anonymous = /^(EXP-)?(ADH|AECDH)-/.test(name);
  const weakness = weaknessOf(name, anonymous);
  return {
    keyExchange,
    anonymous,
    forwardSecrecy: keyExchange === 'TLS13' || keyExchange === 'ECDHE' || keyExchange === 'DHE',
    aead: /GCM|CCM|CHACHA20|POLY1305/.test(name),
    bits: bitsOf(name),
    ...(weakness ? { weakness } : {}),
  };
}

export interface WireSuite {
  code: number;
  name: string;
}

/**
 * Suites Node's OpenSSL 3 can no longer offer (RC4, 3DES, DES, IDEA, EXPORT), probed with a hand-built
 * ClientHello. Codes from the IANA TLS registry; names as OpenSSL 1.0.2 spelled them.
 */
export const LEGACY_SUITES: WireSuite[] = [
  { code: 0x0003, name: 'EXP-RC4-MD5' },
  { code: 0x0006, name: 'EXP-RC2-CBC-MD5' },
  { code: 0x0008, name: 'EXP-DES-CBC-SHA' },
  { code: 0x0011, name: 'EXP-EDH-DSS-DES-CBC-SHA' },
  { code: 0x0014, name: 'EXP-EDH-RSA-DES-CBC-SHA' },
  { code: 0x0017, name: 'EXP-ADH-RC4-MD5' },
  { code: 0x0019, name: 'EXP-ADH-DES-CBC-SHA' },
  { code: 0x0062, name: 'EXP1024-DES-CBC-SHA' },
  { code: 0x0064, name: 'EXP1024-RC4-SHA' },
  { code: 0x0009, name: 'DES-CBC-SHA' },
  { code: 0x0012, name: 'EDH-DSS-DES-CBC-SHA' },
  { code: 0x0015, name: 'EDH-RSA-DES-CBC-SHA' },
  { code: 0x001a, name: 'ADH-DES-CBC-SHA' },
  { code: 0x0004, name: 'RC4-MD5' },
  { code: 0x0005, name: 'RC4-SHA' },
  { code: 0x0018, name: 'ADH-RC4-MD5' },
  { code: 0xc002, name: 'ECDH-ECDSA-RC4-SHA' },
  { code: 0xc007, name: 'ECDHE-ECDSA-RC4-SHA' },
  { code: 0xc00c, name: 'ECDH-RSA-RC4-SHA' },
  { code: 0xc011, name: 'ECDHE-RSA-RC4-SHA' },
  { code: 0xc016, name: 'AECDH-RC4-SHA' },
  { code: 0x000a, name: 'DES-CBC3-SHA' },
  { code: 0x000d, name: 'DH-DSS-DES-CBC3-SHA' },
  { code: 0x0010, name: 'DH-RSA-DES-CBC3-SHA' },
  { code: 0x0013, name: 'EDH-DSS-DES-CBC3-SHA' },
  { code: 0x0016, name: 'EDH-RSA-DES-CBC3-SHA' },
  { code: 0x001b, name: 'ADH-DES-CBC3-SHA' },
  { code: 0xc003, name: 'ECDH-ECDSA-DES-CBC3-SHA' },
  { code: 0xc008, name: 'ECDHE-ECDSA-DES-CBC3-SHA' },
  { code: 0xc00d, name: 'ECDH-RSA-DES-CBC3-SHA' },
  { code: 0xc012, name: 'ECDHE-RSA-DES-CBC3-SHA' },
  { code: 0xc017, name: 'AECDH-DES-CBC3-SHA' },
  { code: 0x0007, name: 'IDEA-CBC-SHA' },
];

/** What an SSLv3 server of the 2000s would pick from: the legacy suites plus the CBC suites of that era. */
export const SSLV3_SUITES: WireSuite[] = [
  ...LEGACY_SUITES,
  { code: 0x0001, name: 'NULL-MD5' },
  { code: 0x0002, name: 'NULL-SHA' },
  { code: 0x002f, name: 'AES128-SHA' },
  { code: 0x0035, name: 'AES256-SHA' },
  { code: 0x0033, name: 'DHE-RSA-AES128-SHA' },
  { code: 0x0039, name: 'DHE-RSA-AES256-SHA' },
  { code: 0xc009, name: 'ECDHE-ECDSA-AES128-SHA' },
  { code: 0xc00a, name: 'ECDHE-ECDSA-AES256-SHA' },
  { code: 0xc013, name: 'ECDHE-RSA-AES128-SHA' },
  { code: 0xc014, name: 'ECDHE-RSA-AES256-SHA' },
  { code: 0x0041, name: 'CAMELLIA128-SHA' },
  { code: 0x0084, name: 'CAMELLIA256-SHA' },
  { code: 0x0096, name: 'SEED-SHA' },
];

/** Every TLS 1.3 suite OpenSSL implements; TLS 1.3 takes suite names apart from the classic cipher string. */
export const TLS13_SUITES = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
];
