import { judgeAddress, NetworkPolicyError, normalizeHost, parseNetworks } from './address-policy';
import { resolvePinned } from './resolve';

describe('network guard: which addresses Vigie may connect to', () => {
  it.each([
    ['8.8.8.8', true],
    ['193.51.24.1', true],
    ['2001:4860:4860::8888', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.31.255.255', false],
    ['192.168.1.10', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['224.0.0.251', false],
    ['255.255.255.255', false],
    ['203.0.113.7', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00:ec2::254', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::a00:1', false],
    ['2002:7f00:1::', false],
    ['2001:db8::1', false],
    ['[::1]', false],
  ])('%s → allowed %s', (address, allowed) => {
    expect(judgeAddress(address).allowed).toBe(allowed);
  });

  it('judges an IPv4-mapped address as the IPv4 it carries, and says why it refuses', () => {
    expect(judgeAddress('::ffff:169.254.169.254')).toEqual({
      allowed: false,
      address: '169.254.169.254',
      reason: 'link-local (cloud metadata) address (169.254.0.0/16)',
    });
  });

  it('reads every numeric spelling of an address as the URL parser does', () => {
    for (const spelling of ['2130706433', '0x7f.1', '017700000001', '127.1', '0x7f000001', '127.0.0.1.']) {
      expect(normalizeHost(spelling)).toBe('127.0.0.1');
      expect(judgeAddress(normalizeHost(spelling)).allowed).toBe(false);
    }
    expect(normalizeHost('[::ffff:127.0.0.1]')).toBe('::ffff:7f00:1');
    expect(judgeAddress(normalizeHost('[::ffff:127.0.0.1]')).allowed).toBe(false);
    expect(normalizeHost('WWW.Example.FR')).toBe('www.example.fr');
    expect(() => normalizeHost('bad host name')).toThrow(NetworkPolicyError);
  });

  it('lets an operator allow networks, and names a bad entry', () => {
    const { block, cidrs } = parseNetworks('127.0.0.0/8, fd00::/8');
    expect(cidrs).toEqual(['127.0.0.0/8', 'fd00::/8']);
    expect(judgeAddress('127.0.0.2', block)).toMatchObject({
      allowed: true,
      reason: 'allowed by SCAN_ALLOWED_NETWORKS',
    });
    expect(judgeAddress('::ffff:127.0.0.2', block).allowed).toBe(true);
    expect(judgeAddress('10.0.0.1', block).allowed).toBe(false);
    expect(() => parseNetworks('127.0.0.0/33')).toThrow('"127.0.0.0/33": the prefix length must be 0 to 32');
    expect(() => parseNetworks('intranet')).toThrow('"intranet" is not an IPv4 or IPv6 network');
  });

  it('resolves once with the system resolver and refuses a name with any forbidden address', async () => {
    await expect(resolvePinned('localhost', undefined)).rejects.toThrow(
      /localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    const { block } = parseNetworks('127.0.0.0/8,::1/128');
    expect(await resolvePinned('localhost', block)).toMatchObject({
      serverName: 'localhost',
      addresses: expect.arrayContaining(['127.0.0.1']),
    });
    expect(await resolvePinned('2130706433', block)).toEqual({
      serverName: undefined,
      addresses: ['127.0.0.1'],
    });
    // One public and one private address: refused, since a later connection could use either.
    const mixed = async () => [
      { address: '8.8.8.8', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    await expect(resolvePinned('mixed.example.fr', undefined, mixed)).rejects.toThrow(
      /resolves to 10.0.0.5, a private/,
    );
  });
});
