import { Resolver } from 'node:dns/promises';

/** `nxdomain`: the name does not exist; `nodata`: it exists but holds no record of that type. */
export type LookupStatus = 'found' | 'nxdomain' | 'nodata';

export interface Lookup<T> {
  status: LookupStatus;
  records: T[];
}

export interface MxRecord {
  priority: number;
  /** Empty for the root name: the `0 .` of a null MX. */
  exchange: string;
}

/** A query that got no usable answer (timeout, SERVFAIL, refused): nothing can be concluded from it. */
export class DnsLookupError extends Error {
  constructor(
    readonly domain: string,
    readonly type: string,
    readonly code: string,
  ) {
    super(`DNS ${type} query for ${domain} failed: ${code}`);
    this.name = 'DnsLookupError';
  }
}

/** The queries the mail checks make; an interface so a check can be driven by another resolver. */
export interface DnsClient {
  /** TXT records, each with its strings joined without separator (RFC 7208 §3.3). */
  txt(name: string): Promise<Lookup<string>>;
  mx(name: string): Promise<Lookup<MxRecord>>;
  /** A, then AAAA when the name exists without A: what an SPF `a` term needs to tell a void lookup apart. */
  addresses(name: string): Promise<Lookup<string>>;
  /** A only, as the SPF `exists` mechanism asks. */
  ipv4(name: string): Promise<Lookup<string>>;
}

export interface DnsClientOptions {
  /** "ip:port" resolvers (SCAN_DNS_SERVERS); empty means the system's. */
  servers: string[];
  timeoutMs?: number;
  tries?: number;
  /** Cancels the queries in flight: they fail with ECANCELLED. */
  signal?: AbortSignal;
}

async function settle<T>(name: string, type: string, query: () => Promise<T[]>): Promise<Lookup<T>> {
  try {
    const records = await query();
    return { status: records.length > 0 ? 'found' : 'nodata', records };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'UNKNOWN';
    if (code === 'ENOTFOUND') return { status: 'nxdomain', records: [] };
    if (code === 'ENODATA') return { status: 'nodata', records: [] };
    throw new DnsLookupError(name, type, code);
  }
}

/** One resolver for one scan, so c-ares may answer a repeated include from its cache, as a receiver would. */
export function createDnsClient(options: DnsClientOptions): DnsClient {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: options.tries ?? 2 });
  if (options.servers.length > 0) resolver.setServers(options.servers);
  options.signal?.addEventListener('abort', () => resolver.cancel(), { once: true });
  const ipv4 = (name: string) => settle(name, 'A', () => resolver.resolve4(name));
  return {
    txt: (name) =>
      settle(name, 'TXT', async () => (await resolver.resolveTxt(name)).map((strings) => strings.join(''))),
    mx: (name) =>
      settle(name, 'MX', async () =>
        (await resolver.resolveMx(name)).map(({ priority, exchange }) => ({
          priority,
          exchange: exchange.replace(/\.$/, '').toLowerCase(),
        })),
      ),
    ipv4,
    addresses: async (name) => {
      const v4 = await ipv4(name);
      return v4.status === 'nodata' ? settle(name, 'AAAA', () => resolver.resolve6(name)) : v4;
    },
  };
}
