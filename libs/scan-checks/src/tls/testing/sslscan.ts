import { execFile } from 'node:child_process';

export interface SslscanResult {
  /** Our protocol names (`TLSv1`, not sslscan's `TLSv1.0`), enabled ones only. */
  protocols: string[];
  /** `TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256`, one per accepted suite. */
  suites: string[];
  /** DH group size per `protocol suite`, for DHE suites. */
  dhBits: Record<string, number>;
}

const VERSION_NAMES: Record<string, string> = {
  'ssl 3': 'SSLv3',
  'tls 1.0': 'TLSv1',
  'tls 1.1': 'TLSv1.1',
  'tls 1.2': 'TLSv1.2',
  'tls 1.3': 'TLSv1.3',
  'TLSv1.0': 'TLSv1',
};

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

/** sslscan as the reference tool (scans.md §8): it sets SECLEVEL 0 itself and reports in XML. */
export function sslscan(port: number, serverName: string): Promise<SslscanResult> {
  const args = [
    '--xml=-',
    '--no-colour',
    '--no-groups',
    '--no-heartbleed',
    '--no-renegotiation',
    '--no-compression',
    '--no-fallback',
    `--sni-name=${serverName}`,
    `127.0.0.1:${port}`,
  ];
  return new Promise((resolve, reject) =>
    execFile('sslscan', args, { timeout: 30_000 }, (error, stdout) => {
      if (error) return reject(error);
      const protocols = [...stdout.matchAll(/<protocol [^>]*\/>/g)]
        .map((match) => attributes(match[0]))
        .filter((protocol) => protocol.enabled === '1')
        .map((protocol) => VERSION_NAMES[`${protocol.type} ${protocol.version}`]);
      const ciphers = [...stdout.matchAll(/<cipher [^>]*\/>/g)].map((match) => attributes(match[0]));
      const suites = ciphers.map(
        (cipher) => `${VERSION_NAMES[cipher.sslversion] ?? cipher.sslversion} ${cipher.cipher}`,
      );
      const dhBits = Object.fromEntries(
        ciphers.flatMap((cipher, i) => (cipher.dhebits ? [[suites[i], Number(cipher.dhebits)]] : [])),
      );
      resolve({ protocols, suites, dhBits });
    }),
  );
}
