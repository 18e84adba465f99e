import { isSpfRecord, parseSpfRecord, type SpfMechanism } from './spf-record';

const mechanisms = (record: ReturnType<typeof parseSpfRecord>) =>
  record.terms.filter((t): t is SpfMechanism => t.kind === 'mechanism');

describe('SPF record parser (RFC 7208)', () => {
  it('recognises an SPF record only by an exact "v=spf1" version', () => {
    expect(isSpfRecord('v=spf1 -all')).toBe(true);
    expect(isSpfRecord('v=spf1')).toBe(true);
    expect(isSpfRecord('V=SPF1 mx -all')).toBe(true);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
    expect(isSpfRecord('google-site-verification=abc')).toBe(false);
    expect(isSpfRecord(' v=spf1 -all')).toBe(false);
  });

  it('reads qualifiers, targets and dual CIDR lengths of every mechanism', () => {
    const parsed = parseSpfRecord(
      'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a a:relais.ch-exemple.fr/28 mx//64 ' +
        'MX:mx.ch-exemple.fr/24//48 include:_spf.msp.test ~exists:%{i}._ip.%{d} ?ptr -all',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.terms.map((t) => (t.kind === 'mechanism' ? `${t.qualifier}${t.name}` : t.name))).toEqual([
      '+ip4',
      '+ip6',
      '+a',
      '+a',
      '+mx',
      '+mx',
      '+include',
      '~exists',
      '?ptr',
      '-all',
    ]);
    const terms = mechanisms(parsed);
    expect(terms[0]).toMatchObject({ network: '192.0.2.0', cidr4: 24 });
    expect(terms[1]).toMatchObject({ network: '2001:db8::', cidr6: 32 });
    expect(terms[2].domainSpec).toBeUndefined();
    expect(terms[3]).toMatchObject({ domainSpec: 'relais.ch-exemple.fr', cidr4: 28 });
    expect(terms[4]).toMatchObject({ cidr6: 64 });
    expect(terms[4].cidr4).toBeUndefined();
    expect(terms[5]).toMatchObject({ domainSpec: 'mx.ch-exemple.fr', cidr4: 24, cidr6: 48 });
    expect(terms[6].domainSpec).toBe('_spf.msp.test');
    expect(terms[7].domainSpec).toBe('%{i}._ip.%{d}');
  });

  it('keeps modifiers, ignores unknown ones, and refuses a repeated redirect', () => {
    expect(parseSpfRecord('v=spf1 mx redirect=_spf.ch-exemple.fr exp=explain.ch-exemple.fr foo=bar')).toEqual(
      {
        errors: [],
        terms: [
          { kind: 'mechanism', qualifier: '+', name: 'mx', text: 'mx' },
          {
            kind: 'modifier',
            name: 'redirect',
            value: '_spf.ch-exemple.fr',
            text: 'redirect=_spf.ch-exemple.fr',
          },
          {
            kind: 'modifier',
            name: 'exp',
            value: 'explain.ch-exemple.fr',
            text: 'exp=explain.ch-exemple.fr',
          },
          { kind: 'modifier', name: 'foo', value: 'bar', text: 'foo=bar' },
        ],
      },
    );
    expect(parseSpfRecord('v=spf1 redirect=a.test redirect=b.test').errors).toEqual([
      '« redirect=b.test » : le modificateur redirect apparaît plusieurs fois',
    ]);
  });

  it.each([
    ['v=spf1 ip4:2001:db8::1 -all', '« ip4:2001:db8::1 » : ip4 contient une adresse IPv6'],
    ['v=spf1 ip6:192.0.2.1 -all', '« ip6:192.0.2.1 » : ip6 contient une adresse IPv4'],
    ['v=spf1 ip4:192.0.2.300 -all', '« ip4:192.0.2.300 » : adresse IPv4 invalide'],
    ['v=spf1 ip4:192.0.2.0/33 -all', '« ip4:192.0.2.0/33 » : longueur de préfixe invalide (0 à 32)'],
    ['v=spf1 ip4:192.0.2.0/024 -all', '« ip4:192.0.2.0/024 » : longueur de préfixe invalide (0 à 32)'],
    ['v=spf1 a/40 -all', '« a/40 » : longueur de préfixe IPv4 invalide (0 à 32)'],
    ['v=spf1 include -all', '« include » : nom de domaine attendu après « : »'],
    ['v=spf1 include:ch-exemple..fr -all', '« include:ch-exemple..fr » : nom de domaine invalide'],
    ['v=spf1 include:ch-exemple.123 -all', '« include:ch-exemple.123 » : domaine de premier niveau invalide'],
    ['v=spf1 exists:%{x}.test -all', '« exists:%{x}.test » : macro mal formée'],
    ['v=spf1 -all:foo', '« -all:foo » : all ne prend aucun argument'],
    ['v=spf1 mx include:a.test ipv4:192.0.2.1 -all', '« ipv4:192.0.2.1 » : mécanisme inconnu'],
    ['v=spf1 +-all', '« +-all » : mécanisme inconnu'],
    ['v=spf1 redirect=', '« redirect= » : nom de domaine invalide'],
  ])('reports the syntax error in %s', (record, error) => {
    expect(parseSpfRecord(record).errors).toEqual([error]);
  });

  it('collects every error of a record and keeps its valid terms', () => {
    const parsed = parseSpfRecord('v=spf1 ip4:10.0.0.0/8 ip4:bad include:ok.test ptr:x -all');
    expect(parsed.errors).toHaveLength(2);
    expect(parsed.terms.map((t) => t.text)).toEqual(['ip4:10.0.0.0/8', 'include:ok.test', '-all']);
  });

  it('tolerates several spaces between terms and a bare version', () => {
    expect(parseSpfRecord('v=spf1   mx    -all  ')).toMatchObject({
      errors: [],
      terms: [{ name: 'mx' }, { name: 'all' }],
    });
    expect(parseSpfRecord('v=spf1')).toEqual({ errors: [], terms: [] });
  });
});
