import type { AcceptedSuite, TlsProtocol } from './tls-report';

/** Where a finding was observed, as people read it: the service name first, then what was connected to. */
export interface FindingPlace {
  /** host:port, the finding's target: the server name when there is one, so the finding keeps its identity when
   * the host answers from another address next time. */
  target: string;
  /** `portail.ch-exemple.fr (203.0.113.7:443)`, or the target alone when scanned by address. */
  where: string;
}

const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

export function placeOf(address: string, port: number, serverName?: string): FindingPlace {
  const connected = hostPort(address, port);
  return {
    target: hostPort(serverName ?? address, port),
    where: serverName ? `${serverName} (${connected})` : connected,
  };
}

export const PROTOCOL_LABEL: Record<TlsProtocol, string> = {
  SSLv3: 'SSLv3',
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export function frenchDate(iso: string): string {
  return DATE.format(new Date(iso));
}

/** `RC4-SHA (TLS 1.0), DES-CBC3-SHA (TLS 1.2)`, shortened past ten suites. */
export function suiteList(suites: AcceptedSuite[], limit = 10): string {
  const shown = suites.slice(0, limit).map((suite) => `${suite.name} (${PROTOCOL_LABEL[suite.protocol]})`);
  const rest = suites.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} et ${rest} autre${rest > 1 ? 's' : ''}` : shown.join(', ');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count > 1 ? pluralForm : singular}`;
}
