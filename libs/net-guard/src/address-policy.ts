import { BlockList, isIP } from 'node:net';
import { formatIp, parseIp } from './ip-address';
import { mappedIpv4, specialRangeOf } from './special-ranges';

export class NetworkPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkPolicyError';
  }
}

export interface AddressVerdict {
  allowed: boolean;
  /** The canonical address that was judged (RFC 5952 for IPv6; IPv4-mapped IPv6 is judged as its IPv4). */
  address: string;
  reason: string;
}

/** Parses SCAN_ALLOWED_NETWORKS: comma-separated CIDRs (or single addresses); errors name the bad entry. */
export function parseNetworks(list: string): { block: BlockList; cidrs: string[] } {
  const block = new BlockList();
  const cidrs: string[] = [];
  for (const raw of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, prefixText] = raw.split('/');
    const family = isIP(address);
    if (family === 0) throw new NetworkPolicyError(`"${raw}" is not an IPv4 or IPv6 network`);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max ||
      (prefixText !== undefined && !/^\d+$/.test(prefixText))
    ) {
      throw new NetworkPolicyError(`"${raw}": the prefix length must be 0 to ${max}`);
    }
    block.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    cidrs.push(`${address}/${prefix}`);
  }
  return { block, cidrs };
}

/**
 * Whether Vigie may connect to this address: public unicast, or inside a network the operator allowed. The
 * address is judged by its bytes, never its spelling: `0:0:0:0:ffff:0:7f00:1`, `::ffff:0:7f00:1` and
 * `[::FFFF:0:127.0.0.1]` are one address and get one verdict.
 */
export function judgeAddress(input: string, allowed?: BlockList): AddressVerdict {
  const parsed = parseIp(input);
  if (!parsed) return { allowed: false, address: input.trim(), reason: 'not an IP address' };
  const ip = mappedIpv4(parsed) ?? parsed;
  const address = formatIp(ip);
  if (allowed?.check(address, ip.family === 4 ? 'ipv4' : 'ipv6'))
    return { allowed: true, address, reason: 'allowed by SCAN_ALLOWED_NETWORKS' };
  const special = specialRangeOf(ip);
  if (special) return { allowed: false, address, reason: `${special.reason} address (${special.cidr})` };
  return { allowed: true, address, reason: 'public unicast' };
}

/**
 * The host as a connection would read it: `2130706433`, `0x7f.1` and `017700000001` all mean 127.0.0.1 to the
 * URL parser and to many resolvers, so they are normalised before being judged. IPv6 comes out in its canonical
 * form (RFC 5952), so `2606:4700:4700:0:0:0:0:1111` and `2606:4700:4700::1111` read the same.
 */
export function normalizeHost(host: string): string {
  const trimmed = host.trim().replace(/\.$/, '');
  const literal = parseIp(trimmed);
  if (literal) return formatIp(literal);
  try {
    return new URL(
      `http://${trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed}/`,
    ).hostname
      .replace(/^\[|\]$/g, '')
      .toLowerCase();
  } catch {
    throw new NetworkPolicyError(`"${host}" is not a valid host name or address`);
  }
}
