import { isIP } from 'node:net';

/** An IP address as the bytes a socket would use: every spelling of one address gives the same bytes. */
export interface IpAddress {
  family: 4 | 6;
  bytes: Uint8Array;
}

/** Reads an IP literal (brackets and an IPv6 zone such as `%eth0` are allowed); null for anything else. */
export function parseIp(text: string): IpAddress | null {
  const bare = text
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .split('%')[0];
  const family = isIP(bare);
  if (family === 4) return { family: 4, bytes: Uint8Array.from(bare.split('.').map(Number)) };
  if (family === 6) return { family: 6, bytes: ipv6Bytes(bare) };
  return null;
}

/** `isIP` has validated the text: at most one `::`, groups of 1-4 hex digits, an optional dotted IPv4 tail. */
function ipv6Bytes(text: string): Uint8Array {
  let head = text;
  const tail: number[] = [];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    head = text.slice(0, -dotted[0].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const [left, right] = head.split('::');
  const words =
    right === undefined
      ? [...groups(left), ...tail]
      : (() => {
          const before = groups(left);
          const after = [...groups(right), ...tail];
          return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
        })();
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  });
  return bytes;
}

/**
 * The canonical text of an address: dotted decimal for IPv4; RFC 5952 section 4 for IPv6 (lower case, no
 * leading zeros, the longest run of two or more zero groups shortened to `::`, the first one on a tie). This is
 * also what the WHATWG URL parser prints, so an address asset and the host of a URL asset agree.
 */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [...ip.bytes].join('.');
  const words = Array.from({ length: 8 }, (_, i) => (ip.bytes[2 * i] << 8) | ip.bytes[2 * i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && words[end] === 0) end++;
    if (end - i > bestLength) [bestStart, bestLength] = [i, end - i];
    i = end;
  }
  const hex = (list: number[]) => list.map((word) => word.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

/** The canonical text of an IP literal, or null when the text is not one. */
export function canonicalIp(text: string): string | null {
  const ip = parseIp(text);
  return ip && formatIp(ip);
}

/** Whether the first `length` bits of the address equal those of the network. */
export function inNetwork(ip: IpAddress, network: IpAddress, length: number): boolean {
  if (ip.family !== network.family) return false;
  const whole = length >> 3;
  for (let i = 0; i < whole; i++) if (ip.bytes[i] !== network.bytes[i]) return false;
  const rest = length & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (ip.bytes[whole] & mask) === (network.bytes[whole] & mask);
}
