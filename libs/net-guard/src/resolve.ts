import { lookup } from 'node:dns/promises';
import { isIP, type BlockList } from 'node:net';
import { judgeAddress, NetworkPolicyError, normalizeHost } from './address-policy';

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export interface PinnedTarget {
  /** The name to send as SNI and Host (undefined when the target is an address). */
  serverName: string | undefined;
  /** The addresses to connect to: resolved once, all checked, never resolved again (no DNS rebinding). */
  addresses: string[];
}

/**
 * Resolves a host once and refuses it if ANY of its addresses is forbidden: a name that resolves to one public
 * and one private address is refused, since a later connection could pick either.
 */
export async function resolvePinned(
  host: string,
  allowed: BlockList | undefined,
  resolver: Resolver = systemResolver,
): Promise<PinnedTarget> {
  const normalized = normalizeHost(host);
  const literal = isIP(normalized) !== 0;
  const addresses = literal ? [normalized] : (await resolver(normalized)).map((a) => a.address);
  if (addresses.length === 0) throw new NetworkPolicyError(`${host} does not resolve`);
  for (const address of addresses) {
    const verdict = judgeAddress(address, allowed);
    if (!verdict.allowed) {
      throw new NetworkPolicyError(
        `${host} resolves to ${verdict.address}, a ${verdict.reason}: Vigie does not connect there`,
      );
    }
  }
  return {
    serverName: literal ? undefined : normalized,
    addresses: [...new Set(addresses.map((a) => judgeAddress(a, allowed).address))],
  };
}
