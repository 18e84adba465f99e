import { SSHD_DEFAULTS } from './sshd-defaults';
import { matchPattern, matchPatternList } from './sshd-lexer';

/** What OpenSSH 9.2p1 (Debian 12, OpenSSL 3) supports, in its own order (`ssh -Q cipher|mac|kex|key-sig`). */
const KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ssh-ed25519-cert-v01@openssh.com',
  'sk-ssh-ed25519@openssh.com',
  'sk-ssh-ed25519-cert-v01@openssh.com',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp256-cert-v01@openssh.com',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521',
  'ecdsa-sha2-nistp521-cert-v01@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com',
  'webauthn-sk-ecdsa-sha2-nistp256@openssh.com',
  'ssh-dss',
  'ssh-dss-cert-v01@openssh.com',
  'ssh-rsa',
  'ssh-rsa-cert-v01@openssh.com',
  'rsa-sha2-256',
  'rsa-sha2-256-cert-v01@openssh.com',
  'rsa-sha2-512',
  'rsa-sha2-512-cert-v01@openssh.com',
];

export const SSHD_SUPPORTED_ALGORITHMS = {
  cipher: [
    '3des-cbc',
    'aes128-cbc',
    'aes192-cbc',
    'aes256-cbc',
    'aes128-ctr',
    'aes192-ctr',
    'aes256-ctr',
    'aes128-gcm@openssh.com',
    'aes256-gcm@openssh.com',
    'chacha20-poly1305@openssh.com',
  ],
  mac: [
    'hmac-sha1',
    'hmac-sha1-96',
    'hmac-sha2-256',
    'hmac-sha2-512',
    'hmac-md5',
    'hmac-md5-96',
    'umac-64@openssh.com',
    'umac-128@openssh.com',
    'hmac-sha1-etm@openssh.com',
    'hmac-sha1-96-etm@openssh.com',
    'hmac-sha2-256-etm@openssh.com',
    'hmac-sha2-512-etm@openssh.com',
    'hmac-md5-etm@openssh.com',
    'hmac-md5-96-etm@openssh.com',
    'umac-64-etm@openssh.com',
    'umac-128-etm@openssh.com',
  ],
  kex: [
    'diffie-hellman-group1-sha1',
    'diffie-hellman-group14-sha1',
    'diffie-hellman-group14-sha256',
    'diffie-hellman-group16-sha512',
    'diffie-hellman-group18-sha512',
    'diffie-hellman-group-exchange-sha1',
    'diffie-hellman-group-exchange-sha256',
    'ecdh-sha2-nistp256',
    'ecdh-sha2-nistp384',
    'ecdh-sha2-nistp521',
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'sntrup761x25519-sha512',
    'sntrup761x25519-sha512@openssh.com',
  ],
  key: KEY_ALGORITHMS,
  /** Signature algorithms for CAs: the plain key types, no certificates. */
  sig: KEY_ALGORITHMS.filter((k) => !k.includes('-cert-')),
};

export type AlgorithmFamily = keyof typeof SSHD_SUPPORTED_ALGORITHMS;

const DEFAULT_KEYWORD: Record<AlgorithmFamily, string> = {
  cipher: 'ciphers',
  mac: 'macs',
  kex: 'kexalgorithms',
  key: 'pubkeyacceptedalgorithms',
  sig: 'casignaturealgorithms',
};

/** Whether sshd accepts this list when parsing (names must exist; only key types take wildcards). */
export function validAlgorithmList(family: AlgorithmFamily, value: string): boolean {
  if (value.startsWith('-')) return true;
  const names = (value.startsWith('+') || value.startsWith('^') ? value.slice(1) : value).split(',');
  const all = SSHD_SUPPORTED_ALGORITHMS[family];
  return names.every((name) =>
    family === 'key' || family === 'sig'
      ? all.some((known) => matchPattern(known, name.replace(/^!/, '')))
      : all.includes(name),
  );
}

const appendNew = (list: string[], names: string[]) => [
  ...list,
  ...names.filter((n, i) => !list.includes(n) && names.indexOf(n) === i),
];

/**
 * kex_assemble_names() from OpenSSH: `+list` appends to the defaults, `-list` removes matching names, `^list`
 * puts names first; then each pattern is expanded against the supported algorithms, duplicates dropped.
 */
export function assembleAlgorithms(family: AlgorithmFamily, value: string | undefined): string[] {
  const defaults = SSHD_DEFAULTS[DEFAULT_KEYWORD[family]][0].split(',');
  if (value === undefined || value === '') return defaults;
  if (value.startsWith('-')) return defaults.filter((name) => matchPatternList(name, value.slice(1)) !== 1);
  let list: string[];
  if (value.startsWith('+')) list = appendNew(defaults, value.slice(1).split(','));
  else if (value.startsWith('^')) list = appendNew(value.slice(1).split(','), defaults);
  else list = value.split(',');
  const all = SSHD_SUPPORTED_ALGORITHMS[family];
  let result: string[] = [];
  for (const pattern of list) {
    result = appendNew(
      result,
      all.filter((name) => matchPattern(name, pattern)),
    );
  }
  return result;
}
