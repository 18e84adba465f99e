import { judgeAddress, normalizeHost, parseNetworks } from './address-policy';
import { canonicalIp, formatIp, parseIp } from './ip-address';

/** Every way to write one IPv6 address: compressed or not, leading zeros, upper case, brackets, dotted tail, zone. */
function spellings(address: string): string[] {
  const ip = parseIp(address)!;
  const words = Array.from({ length: 8 }, (_, i) => (ip.bytes[2 * i] << 8) | ip.bytes[2 * i + 1]);
  const full = words.map((w) => w.toString(16)).join(':');
  const padded = words.map((w) => w.toString(16).padStart(4, '0')).join(':');
  const dotted = `${words
    .slice(0, 6)
    .map((w) => w.toString(16))
    .join(':')}:${[...ip.bytes.slice(12)].join('.')}`;
  const canonical = formatIp(ip);
  return [
    canonical,
    full,
    padded,
    padded.toUpperCase(),
    dotted,
    `[${canonical}]`,
    `[${padded}]`,
    `${canonical}%eth0`,
    `[${full}%1]`,
  ];
}

describe('network guard: every IANA special-purpose block, judged by bytes', () => {
  it.each([
    // IPv4-compatible (::/96), however written: never reached, whatever IPv4 it embeds.
    ['::127.0.0.1', '::7f00:1', 'IPv4-compatible (deprecated, RFC 4291) address (::/96)'],
    ['::7f00:1', '::7f00:1', 'IPv4-compatible (deprecated, RFC 4291) address (::/96)'],
    ['::a00:1', '::a00:1', 'IPv4-compatible (deprecated, RFC 4291) address (::/96)'],
    ['::8.8.8.8', '::808:808', 'IPv4-compatible (deprecated, RFC 4291) address (::/96)'],
    // IPv4-translated (::ffff:0:0:0/96): not the mapped block, not an IPv4 either.
    ['::ffff:0:7f00:1', '::ffff:0:7f00:1', 'IPv4-translated (RFC 2765) address (::ffff:0:0:0/96)'],
    ['0:0:0:0:ffff:0:7f00:1', '::ffff:0:7f00:1', 'IPv4-translated (RFC 2765) address (::ffff:0:0:0/96)'],
    ['::ffff:0:8.8.8.8', '::ffff:0:808:808', 'IPv4-translated (RFC 2765) address (::ffff:0:0:0/96)'],
    // IPv4-mapped: judged as the IPv4 it carries, which is where a dual-stack socket goes.
    ['0:0:0:0:0:ffff:7f00:1', '127.0.0.1', 'loopback address (127.0.0.0/8)'],
    ['0000:0000:0000:0000:0000:FFFF:7F00:0001', '127.0.0.1', 'loopback address (127.0.0.0/8)'],
    ['::ffff:a9fe:a9fe', '169.254.169.254', 'link-local (cloud metadata) address (169.254.0.0/16)'],
    ['::1', '::1', 'loopback address (::1/128)'],
    ['::', '::', 'unspecified address (::/128)'],
    ['fec0::1', 'fec0::1', 'site-local (deprecated, RFC 3879) address (fec0::/10)'],
    ['feff:ffff::1', 'feff:ffff::1', 'site-local (deprecated, RFC 3879) address (fec0::/10)'],
    ['fe80::1', 'fe80::1', 'link-local address (fe80::/10)'],
    ['fd00:ec2::254', 'fd00:ec2::254', 'unique local address (fc00::/7)'],
    ['ff02::1', 'ff02::1', 'multicast address (ff00::/8)'],
    ['64:ff9b::a00:1', '64:ff9b::a00:1', 'NAT64 address (64:ff9b::/96)'],
    ['64:ff9b:1::1', '64:ff9b:1::1', 'local NAT64 address (64:ff9b:1::/48)'],
    ['100::1', '100::1', 'discard address (100::/64)'],
    ['100:0:0:1::1', '100:0:0:1::1', 'dummy prefix (RFC 9780) address (100:0:0:1::/64)'],
    ['2001::1', '2001::1', 'Teredo address (2001::/32)'],
    ['2001:1::1', '2001:1::1', 'IETF protocol assignments address (2001::/23)'],
    ['2001:2::1', '2001:2::1', 'benchmarking address (2001:2::/48)'],
    ['2001:10::1', '2001:10::1', 'ORCHID (deprecated) address (2001:10::/28)'],
    ['2001:20::1', '2001:20::1', 'ORCHIDv2 address (2001:20::/28)'],
    ['2001:db8::1', '2001:db8::1', 'documentation address (2001:db8::/32)'],
    ['2002:7f00:1::', '2002:7f00:1::', '6to4 address (2002::/16)'],
    ['2620:4f:8000::1', '2620:4f:8000::1', 'AS112 DNS sink (RFC 7534) address (2620:4f:8000::/48)'],
    ['3fff::1', '3fff::1', 'documentation address (3fff::/20)'],
    ['5f00::1', '5f00::1', 'segment routing (RFC 9602) address (5f00::/16)'],
    ['200::1', '200::1', 'reserved by the IETF address (outside global unicast 2000::/3)'],
    ['4000::1', '4000::1', 'reserved by the IETF address (outside global unicast 2000::/3)'],
    ['e000::1', 'e000::1', 'reserved by the IETF address (outside global unicast 2000::/3)'],
    ['0.1.2.3', '0.1.2.3', '"this network" address (0.0.0.0/8)'],
    ['192.0.0.170', '192.0.0.170', 'IETF protocol assignments address (192.0.0.0/24)'],
    ['192.31.196.1', '192.31.196.1', 'AS112 DNS sink (RFC 7535) address (192.31.196.0/24)'],
    ['192.52.193.1', '192.52.193.1', 'AMT relay anycast (RFC 7450) address (192.52.193.0/24)'],
    ['192.88.99.1', '192.88.99.1', '6to4 relay anycast address (192.88.99.0/24)'],
    ['192.175.48.1', '192.175.48.1', 'AS112 DNS sink (RFC 7534) address (192.175.48.0/24)'],
    ['198.19.255.255', '198.19.255.255', 'benchmarking address (198.18.0.0/15)'],
    ['255.255.255.255', '255.255.255.255', 'limited broadcast address (255.255.255.255/32)'],
    ['250.1.2.3', '250.1.2.3', 'reserved address (240.0.0.0/4)'],
  ])('%s is refused as %s, a %s', (spelling, address, reason) => {
    expect(judgeAddress(spelling)).toEqual({ allowed: false, address, reason });
  });

  it.each([
    ['2606:4700:4700::1111'],
    ['2001:4860:4860::8888'],
    ['2a00:1450:4007:80f::200e'],
    ['2001:200::1'], // just past 2001::/23
    ['3fff:1000::1'], // just past 3fff::/20
    ['2620:4f:8001::1'], // just past the AS112 /48
    ['1.1.1.1'],
    ['192.0.3.1'],
    ['193.51.24.1'],
  ])('%s is public unicast', (address) => {
    expect(judgeAddress(address)).toEqual({ allowed: true, address, reason: 'public unicast' });
  });

  it.each([
    '::127.0.0.1',
    '::ffff:0:7f00:1',
    '::ffff:7f00:1',
    'fec0::1',
    '::1',
    '::',
    'fe80::1',
    '64:ff9b::a00:1',
    '2001:db8::1',
    '3fff::1',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:808:808',
  ])('every spelling of %s gets the same verdict and the same canonical address', (address) => {
    const expected = judgeAddress(address);
    for (const spelling of spellings(address)) {
      expect({ spelling, verdict: judgeAddress(spelling) }).toEqual({ spelling, verdict: expected });
      expect({ spelling, host: normalizeHost(spelling) }).toEqual({ spelling, host: canonicalIp(address) });
    }
  });

  it('writes IPv6 as RFC 5952 says, exactly as the URL parser does', () => {
    for (const spelling of [
      '2606:4700:4700:0:0:0:0:1111',
      '2001:0DB8:0000:0000:0001:0000:0000:0001',
      '1:0:0:2:0:0:0:3',
      '1:0:2:3:4:5:6:7',
      '0:0:0:0:0:0:0:0',
      '0:0:0:0:0:0:0:1',
      '1:0:0:0:0:0:0:0',
      '::ffff:192.0.2.1',
      '1:2:3:4:5:6:1.2.3.4',
      'fe80:0:0:0:0:0:0:1',
    ]) {
      const canonical = canonicalIp(spelling);
      expect({ spelling, canonical }).toEqual({
        spelling,
        canonical: new URL(`http://[${spelling}]/`).hostname.slice(1, -1),
      });
    }
    expect(canonicalIp('2606:4700:4700:0:0:0:0:1111')).toBe('2606:4700:4700::1111');
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIp('not an address')).toBeNull();
  });

  it('allows a block only as the operator wrote it: IPv4 networks cover mapped IPv6, never compatible or translated', () => {
    const { block } = parseNetworks('127.0.0.0/8, fec0::/10');
    expect(judgeAddress('0:0:0:0:0:ffff:127.0.0.2', block)).toMatchObject({
      allowed: true,
      address: '127.0.0.2',
    });
    expect(judgeAddress('::127.0.0.2', block).allowed).toBe(false);
    expect(judgeAddress('::ffff:0:127.0.0.2', block).allowed).toBe(false);
    expect(judgeAddress('FEC0:0:0:0:0:0:0:1', block)).toMatchObject({ allowed: true, address: 'fec0::1' });
  });
});
