import { TestDnsServer } from '@vigie/testing';
import { createDnsClient, DnsLookupError } from './dns-client';
import { evaluateSpf } from './spf-evaluation';

describe('SPF evaluation against a real DNS server on 127.0.0.1', () => {
  let server: TestDnsServer;
  const evaluate = (domain: string) =>
    evaluateSpf(domain, createDnsClient({ servers: [server.address], timeoutMs: 1000, tries: 1 }));
  const asked = () => server.queries.map((q) => `${q.type} ${q.name}`);

  beforeAll(async () => {
    server = await new TestDnsServer().start();
  });
  beforeEach(() => server.clearQueries());
  afterAll(() => server.stop());

  it('walks includes and redirect, counting every DNS-querying term and no other', async () => {
    server.txt.set('ch-bon.test', [
      'v=spf1 ip4:192.0.2.0/24 mx a include:_spf.msp.test redirect=_spf.ch-bon.test',
    ]);
    server.txt.set('_spf.ch-bon.test', ['v=spf1 include:_spf.msp.test ~all']);
    server.txt.set('_spf.msp.test', ['v=spf1 ip6:2001:db8::/32 exists:%{i}._ip.msp.test ?all']);
    server.mx.set('ch-bon.test', [{ priority: 10, exchange: 'mx.ch-bon.test' }]);
    server.a.set('ch-bon.test', ['192.0.2.10']);

    const spf = await evaluate('CH-BON.test.');

    expect(spf.stop).toBeUndefined();
    // mx, a, include, redirect at the root; include below the redirect; exists in each include.
    expect(spf.lookups).toBe(7);
    expect(spf.voidLookups).toBe(0);
    expect(spf.macroTerms).toEqual(['exists:%{i}._ip.msp.test', 'exists:%{i}._ip.msp.test']);
    // The redirect target's "~all" is what ends evaluation; the include's "?all" does not.
    expect(spf.effectiveAll).toBe('~');
    expect(spf.root.children.map((c) => `${c.via} ${c.domain}`)).toEqual([
      'include _spf.msp.test',
      'redirect _spf.ch-bon.test',
    ]);
    expect(spf.root.children[1].children[0].record).toBe(
      'v=spf1 ip6:2001:db8::/32 exists:%{i}._ip.msp.test ?all',
    );
    expect(asked()).not.toContainEqual(expect.stringContaining('%'));
  });

  it('stops at the eleventh lookup of a deep include chain without querying beyond it', async () => {
    for (let i = 1; i <= 15; i++)
      server.txt.set(`n${i}.chaine.test`, [`v=spf1 include:n${i + 1}.chaine.test -all`]);

    const spf = await evaluate('n1.chaine.test');

    expect(spf.stop).toEqual({
      result: 'permerror',
      reason: 'lookup-limit',
      domain: 'n11.chaine.test',
      detail: 'include:n12.chaine.test',
    });
    expect(spf.lookups).toBe(11);
    // The root record plus the ten includes allowed: n12 and beyond were never asked for.
    expect(asked()).toEqual(Array.from({ length: 11 }, (_, i) => `TXT n${i + 1}.chaine.test`));
  });

  it('stops at the eleventh lookup of a wide record too', async () => {
    const hosts = Array.from({ length: 12 }, (_, i) => `h${i}.large.test`);
    hosts.forEach((host, i) => server.a.set(host, [`192.0.2.${i + 1}`]));
    server.txt.set('large.test', [`v=spf1 ${hosts.map((h) => `a:${h}`).join(' ')} -all`]);

    const spf = await evaluate('large.test');

    expect(spf.stop).toMatchObject({ reason: 'lookup-limit', detail: 'a:h10.large.test' });
    expect(server.queryCount).toBe(11);
  });

  it('stops at the third void lookup', async () => {
    server.a.set('existe.vide.test', ['192.0.2.1']);
    server.txt.set('vide.test', [
      'v=spf1 a:absent1.vide.test mx:existe.vide.test exists:absent2.vide.test a:absent3.vide.test a:jamais.vide.test -all',
    ]);

    const spf = await evaluate('vide.test');

    expect(spf.stop).toEqual({ result: 'permerror', reason: 'void-limit', domain: 'absent2.vide.test' });
    expect(spf.voidNames).toEqual(['absent1.vide.test', 'existe.vide.test', 'absent2.vide.test']);
    expect(asked()).not.toContain('A absent3.vide.test');
  });

  it('detects an include loop and an include without SPF record', async () => {
    server.txt.set('boucle-a.test', ['v=spf1 include:boucle-b.test -all']);
    server.txt.set('boucle-b.test', ['v=spf1 include:boucle-a.test -all']);
    server.txt.set('sans-spf.test', ['v=spf1 include:autre.sans-spf.test -all']);
    server.txt.set('autre.sans-spf.test', ['google-site-verification=abc']);

    expect((await evaluate('boucle-a.test')).stop).toEqual({
      result: 'permerror',
      reason: 'loop',
      domain: 'boucle-b.test',
      detail: 'boucle-a.test',
    });
    expect((await evaluate('sans-spf.test')).stop).toEqual({
      result: 'permerror',
      reason: 'no-record',
      domain: 'autre.sans-spf.test',
    });
  });

  it('reports a domain without SPF as none, and two SPF records as permerror', async () => {
    server.txt.set('rien.test', ['vigie-verification=123']);
    server.txt.set('double.test', ['v=spf1 mx -all', 'v=spf1 -all']);

    expect((await evaluate('rien.test')).stop).toEqual({
      result: 'none',
      reason: 'no-record',
      domain: 'rien.test',
    });
    const double = await evaluate('double.test');
    expect(double.stop).toMatchObject({ result: 'permerror', reason: 'multiple-records' });
    expect(double.root.spfRecords).toHaveLength(2);
  });

  it('ignores redirect when the record has all, and never queries terms after all', async () => {
    server.txt.set('fin.test', ['v=spf1 -all include:apres.test redirect=ailleurs.test']);

    const spf = await evaluate('fin.test');

    expect(spf).toMatchObject({ lookups: 0, effectiveAll: '-' });
    expect(spf.stop).toBeUndefined();
    expect(asked()).toEqual(['TXT fin.test']);
  });

  it('counts ptr without querying it, and refuses an mx term returning more than ten names', async () => {
    server.txt.set('ptr.test', ['v=spf1 ptr -all']);
    server.txt.set('gros-mx.test', ['v=spf1 mx -all']);
    server.mx.set(
      'gros-mx.test',
      Array.from({ length: 11 }, (_, i) => ({ priority: i, exchange: `mx${i}.gros-mx.test` })),
    );

    const ptr = await evaluate('ptr.test');
    expect(ptr).toMatchObject({ lookups: 1, ptrDomains: ['ptr.test'] });
    expect(ptr.stop).toBeUndefined();
    expect((await evaluate('gros-mx.test')).stop).toEqual({
      result: 'permerror',
      reason: 'mx-limit',
      domain: 'gros-mx.test',
      detail: 'mx',
    });
  });

  it('turns a failing include into temperror, and a failing domain into an exception', async () => {
    server.txt.set('panne.test', ['v=spf1 include:dns-en-panne.test -all']);
    server.servfail.add('dns-en-panne.test');
    server.servfail.add('racine-en-panne.test');

    expect((await evaluate('panne.test')).stop).toEqual({
      result: 'temperror',
      reason: 'temperror',
      domain: 'dns-en-panne.test',
      detail: 'ESERVFAIL',
    });
    await expect(evaluate('racine-en-panne.test')).rejects.toBeInstanceOf(DnsLookupError);
  });
});
