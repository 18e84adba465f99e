import type { SslscanResult } from '../../libs/scan-checks/src/tls/testing/sslscan';
import type { TlsReport } from '../../libs/scan-checks/src/tls/tls-report';
import type { FieldAgreement } from './tls-agreement';
import type { TlsEndpoint } from './tls-layout';

export interface Timed<T> {
  result: T | Error;
  ms: number;
}

export interface Run<T> {
  wallMs: number;
  perEndpoint: Timed<T>[];
  /** Connections each Node-served endpoint accepted; null for s_server endpoints (not counted). */
  connections: (number | null)[];
  /** The scanner's CPU time: this process for checkTls, the sslscan processes for sslscan. */
  clientCpuMs: number;
  /** The Node fixture servers' CPU time (s_server processes not counted). */
  serverCpuMs: number;
}

const pad = (cells: (string | number)[], widths: number[]) =>
  cells
    .map((cell, i) => String(cell).padEnd(widths[i]))
    .join(' ')
    .trimEnd();
const sum = (values: (number | null)[]) => values.reduce<number>((total, n) => total + (n ?? 0), 0);
const ms = (value: number) => `${value.toFixed(0)} ms`;
const pair = (ours: string | number, peer: string | number) => `${ours} / ${peer}`;

const ROUND_WIDTHS = [8, 9, 9, 6, 20, 20, 12];

export function roundHeader(): string {
  return pad(
    ['round', 'checkTls', 'sslscan', 'ratio', 'scanner CPU o / p', 'server CPU o / p', 'conns o / p'],
    ROUND_WIDTHS,
  );
}

export function roundLine(label: string, ours: Run<TlsReport>, peer: Run<SslscanResult>): string {
  return pad(
    [
      label,
      ms(ours.wallMs),
      ms(peer.wallMs),
      `${(ours.wallMs / peer.wallMs).toFixed(2)}×`,
      pair(ours.clientCpuMs.toFixed(0), ms(peer.clientCpuMs)),
      pair(ours.serverCpuMs.toFixed(0), ms(peer.serverCpuMs)),
      pair(sum(ours.connections), sum(peer.connections)),
    ],
    ROUND_WIDTHS,
  );
}

export function medianLine(ours: number, peer: number): string {
  return pad(['median', ms(ours), ms(peer), `${(ours / peer).toFixed(2)}×`], ROUND_WIDTHS);
}

/** Per profile: mean time and connections per endpoint of each tool, to see where either spends its time. */
export function profileTable(
  endpoints: TlsEndpoint[],
  ours: Run<TlsReport>,
  peer: Run<SslscanResult>,
): string[] {
  const widths = [20, 4, 22, 20];
  const lines = [pad(['profile', 'n', 'ms/endpoint o / p', 'conns/endpoint o / p'], widths)];
  for (const profile of new Set(endpoints.map((e) => e.profile))) {
    const indexes = endpoints.flatMap((e, i) => (e.profile === profile ? [i] : []));
    const mean = (values: (number | null)[]) =>
      values.includes(null) ? '-' : (sum(values) / values.length).toFixed(0);
    // checkTls counts its own connections, so s_server endpoints get a figure on our side too.
    const handshakes = indexes.map((i) => {
      const report = ours.perEndpoint[i].result;
      return report instanceof Error ? null : report.handshakes;
    });
    const [oursMs, peerMs] = [ours, peer].map((run) => mean(indexes.map((i) => run.perEndpoint[i].ms)));
    const peerConnections = mean(indexes.map((i) => peer.connections[i]));
    lines.push(
      pad([profile, indexes.length, pair(oursMs, peerMs), pair(mean(handshakes), peerConnections)], widths),
    );
  }
  return lines;
}

export function agreementTable(fields: FieldAgreement[]): string[] {
  const widths = [30, 9, 5, 7, 12];
  return [
    pad(['agreement (last round)', 'compared', 'same', 'differ', 'one side*'], widths),
    ...fields.map((f) => pad([f.field, f.compared, f.same, f.compared - f.same, f.unseen || ''], widths)),
  ];
}
