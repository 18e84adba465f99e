import { execFile } from 'node:child_process';
import { SSLV3_SUITES } from '../cipher-suites';

export interface SslscanResult {
  /** Our protocol names (`TLSv1`, not sslscan's `TLSv1.0`), enabled ones only. */
  protocols: string[];
  /** `TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256`, one per accepted suite. */
  suites: string[];
  /** DH group size per `protocol suite`, for DHE suites. */
  dhBits: Record<string, number>;
  /** ECDH curve size per `protocol suite` (253 for X25519, as OpenSSL counts it). */
  ecdhBits: Record<string, number>;
  /** The certificate of sslscan's default handshake; null when it got none. */
  certificate: {
    signatureAlgorithm: string;
    /** `RSA`, `EC`... as sslscan prints it. */
    keyType: string;
    keyBits: number;
    notAfter: Date;
    expired: boolean;
  } | null;
}

const VERSION_NAMES: Record<string, string> = {
  'ssl 3': 'SSLv3',
  'tls 1.0': 'TLSv1',
  'tls 1.1': 'TLSv1.1',
  'tls 1.2': 'TLSv1.2',
  'tls 1.3': 'TLSv1.3',
  'TLSv1.0': 'TLSv1',
};

/** Suites its OpenSSL lacks, sslscan finds with raw hellos and names the IANA way: back to OpenSSL names. */
const OPENSSL_NAMES = new Map(SSLV3_SUITES.map((suite) => [suite.code, suite.name]));

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

function certificateOf(xml: string): SslscanResult['certificate'] {
  const short = /<certificate type="short">([\s\S]*?)<\/certificate>/.exec(xml)?.[1];
  if (!short) return null;
  const element = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(short)?.[1] ?? '';
  const key = attributes(/<pk [^>]*\/>/.exec(short)?.[0] ?? '');
  return {
    signatureAlgorithm: element('signature-algorithm'),
    keyType: key.type ?? '',
    keyBits: Number(key.bits),
    notAfter: new Date(element('not-valid-after')),
    expired: element('expired') === 'true',
  };
}

export function parseSslscanXml(xml: string): SslscanResult {
  const protocols = [...xml.matchAll(/<protocol [^>]*\/>/g)]
    .map((match) => attributes(match[0]))
    .filter((protocol) => protocol.enabled === '1')
    .map((protocol) => VERSION_NAMES[`${protocol.type} ${protocol.version}`]);
  const ciphers = [...xml.matchAll(/<cipher [^>]*\/>/g)].map((match) => attributes(match[0]));
  const suites = ciphers.map((cipher) => {
    const protocol = VERSION_NAMES[cipher.sslversion] ?? cipher.sslversion;
    const name = (protocol !== 'TLSv1.3' && OPENSSL_NAMES.get(Number(cipher.id))) || cipher.cipher;
    return `${protocol} ${name}`;
  });
  const bits = (attribute: string) =>
    Object.fromEntries(
      ciphers.flatMap((cipher, i) => (cipher[attribute] ? [[suites[i], Number(cipher[attribute])]] : [])),
    );
  return {
    protocols,
    suites,
    dhBits: bits('dhebits'),
    ecdhBits: bits('ecdhebits'),
    certificate: certificateOf(xml),
  };
}

/** sslscan as the reference tool (scans.md §8): it sets SECLEVEL 0 itself and reports in XML. */
export function sslscan(port: number, serverName: string, address = '127.0.0.1'): Promise<SslscanResult> {
  const args = [
    '--xml=-',
    '--no-colour',
    '--no-groups',
    '--no-heartbleed',
    '--no-renegotiation',
    '--no-compression',
    '--no-fallback',
    `--sni-name=${serverName}`,
    `${address}:${port}`,
  ];
  return new Promise((resolve, reject) =>
    execFile('sslscan', args, { timeout: 30_000 }, (error, stdout) =>
      error ? reject(error) : resolve(parseSslscanXml(stdout)),
    ),
  );
}
