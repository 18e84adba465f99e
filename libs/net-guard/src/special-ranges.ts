import { type IpAddress, inNetwork, parseIp } from './ip-address';

/**
 * Every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and later, as of 2025),
 * plus multicast, reserved and deprecated space, most specific first so the reason names the narrowest block.
 * Some are "globally reachable" in the registry (NAT64, AMT, AS112...): none is an establishment's own service,
 * and those that embed IPv4 could lead to an internal address, so all are refused unless allow-listed.
 * Outside these blocks, IPv6 must also be global unicast (2000::/3): everything else is reserved by the IETF.
 */
const SPECIAL_RANGES: [cidr: string, reason: string][] = [
  ['0.0.0.0/8', '"this network"'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.31.196.0/24', 'AS112 DNS sink (RFC 7535)'],
  ['192.52.193.0/24', 'AMT relay anycast (RFC 7450)'],
  ['192.88.99.0/24', '6to4 relay anycast'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['192.175.48.0/24', 'AS112 DNS sink (RFC 7534)'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'limited broadcast'],
  ['240.0.0.0/4', 'reserved'],

  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  // IPv4-mapped (::ffff:0:0/96) never gets here: it is judged as the IPv4 it carries, as the kernel connects to it.
  ['::ffff:0:0:0/96', 'IPv4-translated (RFC 2765)'],
  ['::/96', 'IPv4-compatible (deprecated, RFC 4291)'],
  ['64:ff9b::/96', 'NAT64'],
  ['64:ff9b:1::/48', 'local NAT64'],
  ['100::/64', 'discard'],
  ['100:0:0:1::/64', 'dummy prefix (RFC 9780)'],
  ['2001::/32', 'Teredo'],
  ['2001:2::/48', 'benchmarking'],
  ['2001:10::/28', 'ORCHID (deprecated)'],
  ['2001:20::/28', 'ORCHIDv2'],
  ['2001::/23', 'IETF protocol assignments'],
  ['2001:db8::/32', 'documentation'],
  ['2002::/16', '6to4'],
  ['2620:4f:8000::/48', 'AS112 DNS sink (RFC 7534)'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'segment routing (RFC 9602)'],
  ['fc00::/7', 'unique local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated, RFC 3879)'],
  ['ff00::/8', 'multicast'],
];

export interface SpecialRange {
  cidr: string;
  reason: string;
  network: IpAddress;
  length: number;
}

function range(cidr: string, reason: string): SpecialRange {
  const [address, length] = cidr.split('/');
  const network = parseIp(address);
  if (!network) throw new Error(`special range ${cidr} is not a network`);
  return { cidr, reason, network, length: Number(length) };
}

const RANGES = SPECIAL_RANGES.map(([cidr, reason]) => range(cidr, reason));
const GLOBAL_UNICAST = range('2000::/3', 'global unicast');
const OUTSIDE_GLOBAL_UNICAST: Omit<SpecialRange, 'network' | 'length'> = {
  cidr: 'outside global unicast 2000::/3',
  reason: 'reserved by the IETF',
};

/** The special block an address falls in, or null for a public unicast address. */
export function specialRangeOf(ip: IpAddress): Omit<SpecialRange, 'network' | 'length'> | null {
  const hit = RANGES.find((r) => inNetwork(ip, r.network, r.length));
  if (hit) return hit;
  if (ip.family === 6 && !inNetwork(ip, GLOBAL_UNICAST.network, GLOBAL_UNICAST.length))
    return OUTSIDE_GLOBAL_UNICAST;
  return null;
}

/** The IPv4 an IPv4-mapped IPv6 address (::ffff:0:0/96) carries: a dual-stack socket connects to that IPv4. */
export function mappedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.family !== 6) return null;
  for (let i = 0; i < 10; i++) if (ip.bytes[i] !== 0) return null;
  if (ip.bytes[10] !== 0xff || ip.bytes[11] !== 0xff) return null;
  return { family: 4, bytes: ip.bytes.slice(12) };
}
