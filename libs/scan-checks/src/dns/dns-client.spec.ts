import { TestDnsServer } from '@vigie/testing';
import { createDnsClient, DnsLookupError, type DnsClient } from './dns-client';

describe('DNS client against a real DNS server on 127.0.0.1', () => {
  let server: TestDnsServer;
  let dns: DnsClient;

  beforeAll(async () => {
    server = await new TestDnsServer().start();
    dns = createDnsClient({ servers: [server.address], timeoutMs: 1000, tries: 1 });
  });
  afterAll(() => server.stop());

  it('joins the strings of a long TXT record without spaces, whether split by the server or spelled out', async () => {
    const long = `v=spf1 ${Array.from({ length: 20 }, (_, i) => `ip4:192.0.2.${i}`).join(' ')} -all`;
    expect(long.length).toBeGreaterThan(255);
    server.txt.set('long.test', [long]);
    server.txt.set('split.test', [['v=spf1 include:a.', 'example.test -all'], 'autre']);
    expect(await dns.txt('long.test')).toEqual({ status: 'found', records: [long] });
    expect((await dns.txt('split.test')).records.sort()).toEqual([
      'autre',
      'v=spf1 include:a.example.test -all',
    ]);
  });

  it('tells a missing name from a name without records of the asked type', async () => {
    server.a.set('www.exists.test', ['192.0.2.1']);
    server.a.set('host.exists.test', ['192.0.2.2']);
    expect(await dns.txt('nowhere.exists.test')).toEqual({ status: 'nxdomain', records: [] });
    expect(await dns.txt('host.exists.test')).toEqual({ status: 'nodata', records: [] });
    // An empty non-terminal: exists because a name below it does.
    expect(await dns.mx('exists.test')).toEqual({ status: 'nodata', records: [] });
  });

  it('reads MX records, the null MX, and falls back to AAAA for addresses', async () => {
    server.mx.set('mail.test', [
      { priority: 20, exchange: 'MX2.mail.test' },
      { priority: 10, exchange: 'mx1.mail.test' },
    ]);
    server.mx.set('nomail.test', [{ priority: 0, exchange: '.' }]);
    server.aaaa.set('v6only.test', ['2001:db8::25']);
    expect((await dns.mx('mail.test')).records.sort((x, y) => x.priority - y.priority)).toEqual([
      { priority: 10, exchange: 'mx1.mail.test' },
      { priority: 20, exchange: 'mx2.mail.test' },
    ]);
    expect(await dns.mx('nomail.test')).toEqual({
      status: 'found',
      records: [{ priority: 0, exchange: '' }],
    });
    expect(await dns.addresses('v6only.test')).toEqual({ status: 'found', records: ['2001:db8::25'] });
    expect(await dns.ipv4('v6only.test')).toEqual({ status: 'nodata', records: [] });
  });

  it('turns SERVFAIL into an error that says which query failed, and counts queries', async () => {
    server.servfail.add('broken.test');
    server.clearQueries();
    const failure = await dns.txt('broken.test').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DnsLookupError);
    expect(failure).toMatchObject({ domain: 'broken.test', type: 'TXT', code: 'ESERVFAIL' });
    expect(server.queries).toContainEqual({ name: 'broken.test', type: 'TXT' });
  });

  it('cancels queries in flight when its signal aborts, rather than waiting for the timeout', async () => {
    server.unanswered.add('muet.test');
    const controller = new AbortController();
    const silent = createDnsClient({
      servers: [server.address],
      timeoutMs: 30000,
      tries: 1,
      signal: controller.signal,
    });
    const pending = silent.txt('muet.test').catch((error: unknown) => error);
    while (!server.queries.some((q) => q.name === 'muet.test')) await new Promise((r) => setImmediate(r));
    controller.abort();
    // ECANCELLED, not ETIMEOUT: the resolver gave up because it was told to.
    expect(await pending).toMatchObject({ domain: 'muet.test', code: 'ECANCELLED' });
  });
});
