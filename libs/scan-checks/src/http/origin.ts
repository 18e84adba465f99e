import { HttpCheckError } from './http-check-error';

export interface HttpOrigin {
  /** Host name or address, IPv6 in brackets, as in a URL. */
  host: string;
  httpUrl: string;
  httpsUrl: string;
  /** The host, with the port when the user gave one: the target of the findings. */
  display: string;
}

function urlOf(scheme: 'http' | 'https', host: string, port: number, path: string): string {
  const standard = scheme === 'http' ? 80 : 443;
  return `${scheme}://${host}${port === standard ? '' : `:${port}`}${path}`;
}

/**
 * Reads what the user registered: `portail.ch-exemple.fr`, `portail.ch-exemple.fr:8443`,
 * `https://portail.ch-exemple.fr/dossier/` or an address. A bare `host:port` is tried with both schemes on that
 * port, as the Observatory does; a URL keeps its port for its own scheme only. Explicit ports win (tests).
 */
export function parseOrigin(
  input: string,
  ports: { httpPort?: number; httpsPort?: number } = {},
): HttpOrigin {
  const trimmed = input.trim();
  const scheme = /^(https?):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  let url: URL;
  try {
    url = new URL(scheme ? trimmed : `http://${trimmed}`);
  } catch {
    throw new HttpCheckError('invalid_origin', `"${input}" is not a host name, an address or an http(s) URL`);
  }
  if (url.username || url.password)
    throw new HttpCheckError('invalid_origin', `"${input}" carries credentials: they are never sent`);
  if (!url.hostname) throw new HttpCheckError('invalid_origin', `"${input}" has no host`);
  const explicit = url.port ? Number(url.port) : undefined;
  const httpPort = ports.httpPort ?? (scheme === 'https' ? undefined : explicit) ?? 80;
  const httpsPort = ports.httpsPort ?? (scheme === 'http' ? undefined : explicit) ?? 443;
  const path = `${url.pathname || '/'}${url.search}`;
  return {
    host: url.hostname,
    httpUrl: urlOf('http', url.hostname, httpPort, path),
    httpsUrl: urlOf('https', url.hostname, httpsPort, path),
    display: explicit ? `${url.hostname}:${explicit}` : url.hostname,
  };
}
