import type { SslscanResult } from '../../libs/scan-checks/src/tls/testing/sslscan';
import type { TlsReport } from '../../libs/scan-checks/src/tls/tls-report';
import type { TlsEndpoint } from './tls-layout';

export interface Compared {
  endpoint: TlsEndpoint;
  ours: TlsReport | Error;
  peer: SslscanResult | Error;
}

export interface FieldAgreement {
  field: string;
  compared: number;
  same: number;
  /** What one side cannot see by construction, left out of `compared`. */
  unseen: number;
}

/** [label, ours, sslscan], or `unseen` when only one side can tell. */
type Item = [string, string, string] | 'unseen';

interface Field {
  name: string;
  items(ours: TlsReport, peer: SslscanResult): Item[];
}

/** sslscan prints an EC key's security strength (128 for P-256), not its size. */
const EC_STRENGTH: Record<number, number> = { 256: 128, 384: 192, 521: 256 };

function ourKey(certificate: NonNullable<TlsReport['certificate']>): string {
  const { type, bits } = certificate.key;
  return type === 'ec' ? `ec ${EC_STRENGTH[bits] ?? Math.floor(bits / 2)}` : `${type} ${bits}`;
}

const sorted = (values: Iterable<string>) => [...values].sort().join(' ') || '-';

/** sslscan lists no SSLv3 suites (it only says whether SSLv3 answers), so those are ours alone. */
const peerEnumerates = (protocol: string) => protocol !== 'SSLv3';

const FIELDS: Field[] = [
  {
    name: 'accepted protocols',
    items: (ours, peer) => [
      [
        'protocols',
        sorted(Object.entries(ours.protocols).flatMap(([p, status]) => (status === 'accepted' ? [p] : []))),
        sorted(peer.protocols.filter((p) => p !== undefined)),
      ],
    ],
  },
  {
    name: 'suites, per protocol',
    items: (ours, peer) => {
      const protocols = new Set([
        ...ours.suites.map((s) => s.protocol as string),
        ...peer.suites.map((s) => s.split(' ')[0]),
      ]);
      return [...protocols].map((protocol) => {
        const mine = ours.suites.filter((s) => s.protocol === protocol).map((s) => s.name);
        if (!peerEnumerates(protocol)) return 'unseen';
        const theirs = peer.suites.filter((s) => s.startsWith(`${protocol} `)).map((s) => s.split(' ')[1]);
        return [protocol, sorted(mine), sorted(theirs)];
      });
    },
  },
  {
    name: 'key exchange size, per suite',
    items: (ours, peer) =>
      ours.suites.flatMap((suite): Item[] => {
        const key = `${suite.protocol} ${suite.name}`;
        const theirs = peer.dhBits[key] ?? peer.ecdhBits[key];
        if (!peer.suites.includes(key)) return [];
        // Raw probes read only the ServerHello; sslscan measures nothing on its raw hellos either.
        if (!suite.ephemeralKey || theirs === undefined)
          return suite.ephemeralKey || theirs ? ['unseen'] : [];
        return [[key, `${suite.ephemeralKey.size}`, `${theirs}`]];
      }),
  },
  {
    name: 'certificate key',
    items: (ours, peer) =>
      ours.certificate || peer.certificate
        ? [
            [
              'key',
              ours.certificate ? ourKey(ours.certificate) : '-',
              peer.certificate
                ? `${peer.certificate.keyType.toLowerCase()} ${peer.certificate.keyBits}`
                : '-',
            ],
          ]
        : [],
  },
  {
    name: 'signature algorithm',
    items: (ours, peer) =>
      ours.certificate || peer.certificate
        ? [
            [
              'signature',
              ours.certificate?.signatureAlgorithm ?? '-',
              peer.certificate?.signatureAlgorithm ?? '-',
            ],
          ]
        : [],
  },
  {
    name: 'expiry (date, expired)',
    items: (ours, peer) =>
      ours.certificate || peer.certificate
        ? [
            [
              'notAfter',
              ours.certificate
                ? `${ours.certificate.notAfter} ${ours.certificate.validity === 'expired'}`
                : '-',
              peer.certificate
                ? `${peer.certificate.notAfter.toISOString()} ${peer.certificate.expired}`
                : '-',
            ],
          ]
        : [],
  },
];

/** Per field: how many items both tools report alike; and each disagreement, spelled out. */
export function tlsAgreement(results: Compared[]): { fields: FieldAgreement[]; differences: string[] } {
  const differences: string[] = [];
  const fields = FIELDS.map((field) => ({ field: field.name, compared: 0, same: 0, unseen: 0 }));
  for (const { endpoint, ours, peer } of results) {
    const where = `${endpoint.profile} ${endpoint.address}:${endpoint.port}`;
    if (ours instanceof Error || peer instanceof Error) {
      differences.push(
        `${where}: ${ours instanceof Error ? `checkTls ${ours.message}` : ''} ${
          peer instanceof Error ? `sslscan ${peer.message}` : ''
        }`,
      );
      continue;
    }
    if (!ours.complete) differences.push(`${where}: checkTls incomplete (${ours.errors.join('; ')})`);
    FIELDS.forEach((field, i) => {
      for (const item of field.items(ours, peer)) {
        if (item === 'unseen') {
          fields[i].unseen++;
          continue;
        }
        fields[i].compared++;
        const [label, mine, theirs] = item;
        if (mine === theirs) fields[i].same++;
        else differences.push(`${where} ${label}: checkTls ${mine} | sslscan ${theirs}`);
      }
    });
  }
  return { fields, differences };
}
