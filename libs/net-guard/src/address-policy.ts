import { BlockList, isIP } from 'node:net';

/**
 * Ranges Vigie never connects to unless an operator allows them: private, loopback, link-local (cloud metadata
 * 169.254.169.254 included), CGNAT, documentation, benchmarking, multicast and reserved space, and the IPv6
 * ranges that embed or translate IPv4 (mapped, NAT64, 6to4, Teredo).
 */
const FORBIDDEN: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', '"this network"'],
  ['10.0.0.0', 8, 'ipv4', 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.88.99.0', 24, 'ipv4', '6to4 relay anycast'],
  ['192.168.0.0', 16, 'ipv4', 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['::ffff:0:0', 96, 'ipv6', 'IPv4-mapped'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['64:ff9b:1::', 48, 'ipv6', 'local NAT64'],
  ['100::', 64, 'ipv6', 'discard'],
  ['2001::', 23, 'ipv6', 'IETF protocol assignments (Teredo included)'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['2002::', 16, 'ipv6', '6to4'],
  ['fc00::', 7, 'ipv6', 'unique local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

export class NetworkPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkPolicyError';
  }
}

export interface AddressVerdict {
  allowed: boolean;
  /** The canonical address that was judged (IPv4-mapped IPv6 is judged as its IPv4). */
  address: string;
  reason: string;
}

/** `::ffff:7f00:1` and `::ffff:127.0.0.1` are IPv4 in disguise: judge them as the IPv4 they carry. */
function unmapped(address: string): string {
  const match = /^::ffff:(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1];
  const hex = /^::ffff:(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return address;
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

const forbidden = FORBIDDEN.map(([address, prefix, family, reason]) => {
  const block = new BlockList();
  block.addSubnet(address, prefix, family);
  return { block, family, reason, cidr: `${address}/${prefix}` };
});

/** Whether Vigie may connect to this address: public unicast, or inside a network the operator allowed. */
export function judgeAddress(input: string, allowed?: BlockList): AddressVerdict {
  const address = unmapped(input.replace(/^\[|\]$/g, '').split('%')[0]);
  const family = isIP(address);
  if (family === 0) return { allowed: false, address, reason: 'not an IP address' };
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowed?.check(address, type))
    return { allowed: true, address, reason: 'allowed by SCAN_ALLOWED_NETWORKS' };
  const hit = forbidden.find((f) => f.family === type && f.block.check(address, type));
  if (hit) return { allowed: false, address, reason: `${hit.reason} address (${hit.cidr})` };
  return { allowed: true, address, reason: 'public unicast' };
}

/**
 * The host as a connection would read it: `2130706433`, `0x7f.1` and `017700000001` all mean 127.0.0.1 to the
 * URL parser and to many resolvers, so they are normalised before being judged.
 */
export function normalizeHost(host: string): string {
  const trimmed = host.trim().replace(/\.$/, '');
  if (isIP(trimmed.replace(/^\[|\]$/g, ''))) return trimmed.replace(/^\[|\]$/g, '').toLowerCase();
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
