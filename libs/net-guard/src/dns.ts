import { Resolver } from 'node:dns/promises';

/** TXT records of a name, from the configured resolvers (SCAN_DNS_SERVERS) or the system's. */
export async function txtRecords(name: string, servers: string[], timeoutMs = 5000): Promise<string[]> {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) resolver.setServers(servers);
  try {
    return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') return [];
    throw error;
  }
}

/** A resolver for the network guard that asks SCAN_DNS_SERVERS (A and AAAA), or the system when none is set. */
export function addressResolver(
  servers: string[],
  timeoutMs = 5000,
): ((host: string) => Promise<{ address: string; family: number }[]>) | undefined {
  if (servers.length === 0) return undefined;
  return async (host) => {
    const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
    resolver.setServers(servers);
    const settle = async (family: 4 | 6) => {
      try {
        const addresses = family === 4 ? await resolver.resolve4(host) : await resolver.resolve6(host);
        return addresses.map((address) => ({ address, family }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOTFOUND' || code === 'ENODATA') return [];
        throw error;
      }
    };
    return [...(await settle(4)), ...(await settle(6))];
  };
}
