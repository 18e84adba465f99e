import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditEvent } from '@vigie/database';
import { TestDnsServer } from '@vigie/testing';
import { type ApiHarness, startApi } from './support/api-harness';
import { PASSWORD, seedTenants, type Tenants } from './support/tenants';

describe('assets and ownership verification', () => {
  let api: ApiHarness;
  let t: Tenants;
  let dns: TestDnsServer;
  let web: Server;
  let webPort: number;
  const served = new Map<string, string>();
  let ciso: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    dns = await new TestDnsServer().start();
    web = createServer((req, res) => {
      const body = served.get(req.url ?? '');
      if (body === undefined) res.writeHead(404).end('not found');
      else res.writeHead(200, { 'Content-Type': 'text/plain' }).end(body);
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', () => resolve()));
    webPort = (web.address() as AddressInfo).port;
    api = await startApi({ scan: { allowedNetworks: '127.0.0.0/8', dnsServers: [dns.address] } });
    t = await seedTenants(api.dataSource);
    ciso = await api.login('ciso.a@test.fr', PASSWORD);
  });
  afterAll(async () => {
    await api.close();
    dns.stop();
    web.close();
  });

  const register = (kind: string, value: string, token = ciso) =>
    api.http().post(`/api/v1/establishments/${t.a1.id}/assets`).set(as(token)).send({ kind, value });

  it('normalises what it registers and refuses private or malformed targets', async () => {
    const domain = await register('domain', '  CH-Exemple.FR. ').expect(201);
    expect(domain.body).toMatchObject({
      kind: 'domain',
      value: 'ch-exemple.fr',
      verified: false,
      verificationToken: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect((await register('domain', 'ch-exemple.fr').expect(409)).body.code).toBe('asset.duplicate');
    const privateIp = await register('ipv4', '10.0.0.8').expect(400);
    expect(privateIp.body.code).toBe('asset.address_reserved');
    expect(privateIp.body.details[0].problem).toBe(
      '10.0.0.8 is a private (RFC 1918) address (10.0.0.0/8): only public addresses are scanned',
    );
    expect((await register('ipv4', '0x08.8.8.8').expect(201)).body.value).toBe('8.8.8.8');
    await register('ipv6', 'fe80::1').expect(400);
    await register('url', 'ftp://ch-exemple.fr/').expect(400);
    await register('url', 'https://user:secret@ch-exemple.fr/').expect(400);
    await register('domain', 'not a domain').expect(400);
    await register('ipv4', '::1').expect(400);
  });

  it('stores IPv6 in RFC 5952 form, so every spelling of one address is one asset', async () => {
    const created = await register('ipv6', '2606:4700:4700:0:0:0:0:1111').expect(201);
    expect(created.body.value).toBe('2606:4700:4700::1111');
    for (const spelling of [
      '2606:4700:4700::1111',
      '[2606:4700:4700:0000:0000:0000:0000:1111]',
      '2606:4700:4700:0:0:0:0.0.17.17',
      '2606:4700:4700::1111%eth0',
    ]) {
      const duplicate = await register('ipv6', spelling).expect(409);
      expect(duplicate.body).toMatchObject({
        code: 'asset.duplicate',
        message: 'This establishment already registered 2606:4700:4700::1111',
        details: [{ field: 'value', problem: `2606:4700:4700::1111 is already asset ${created.body.id}` }],
      });
    }
    const url = await register('url', 'https://[2606:4700:4700:0:0:0:0:1111]:8443/portail').expect(201);
    expect(url.body.value).toBe('https://[2606:4700:4700::1111]:8443/portail');
  });

  it.each([
    ['ipv6', '::127.0.0.1', '::7f00:1 is a IPv4-compatible (deprecated, RFC 4291) address (::/96)'],
    ['ipv6', '[::7f00:1]', '::7f00:1 is a IPv4-compatible (deprecated, RFC 4291) address (::/96)'],
    [
      'ipv6',
      '0:0:0:0:ffff:0:7f00:1',
      '::ffff:0:7f00:1 is a IPv4-translated (RFC 2765) address (::ffff:0:0:0/96)',
    ],
    ['ipv6', '::ffff:0:7f00:1', '::ffff:0:7f00:1 is a IPv4-translated (RFC 2765) address (::ffff:0:0:0/96)'],
    ['ipv6', 'FEC0::1', 'fec0::1 is a site-local (deprecated, RFC 3879) address (fec0::/10)'],
    ['ipv6', '0:0:0:0:0:0:0:1', '::1 is a loopback address (::1/128)'],
    ['ipv6', '3fff::80', '3fff::80 is a documentation address (3fff::/20)'],
    ['ipv4', '192.175.48.1', '192.175.48.1 is a AS112 DNS sink (RFC 7534) address (192.175.48.0/24)'],
  ])('refuses the reserved %s %s with asset.address_reserved', async (kind, value, problem) => {
    const refused = await register(kind, value).expect(400);
    expect(refused.body).toMatchObject({
      code: 'asset.address_reserved',
      details: [{ field: 'value', problem: `${problem}: only public addresses are scanned` }],
    });
  });

  it('refuses reserved hosts of URLs, and IPv4 written as IPv6', async () => {
    const url = await register('url', 'http://[0:0:0:0:ffff:0:7f00:1]/').expect(400);
    expect(url.body).toMatchObject({
      code: 'asset.address_reserved',
      details: [{ field: 'value', problem: expect.stringMatching(/^::ffff:0:7f00:1 is a IPv4-translated/) }],
    });
    const mapped = await register('ipv6', '::ffff:8.8.4.4').expect(400);
    expect(mapped.body).toMatchObject({
      code: 'asset.invalid',
      details: [
        {
          field: 'value',
          problem: '::ffff:808:404 is the IPv4 address 8.8.4.4 written as IPv6: register it as an ipv4 asset',
        },
      ],
    });
  });

  it('verifies ownership through a DNS TXT record on a real DNS server', async () => {
    const asset = (await register('hostname', 'portail.ch-exemple.fr').expect(201)).body;
    const missing = await api
      .http()
      .post(`/api/v1/assets/${asset.id}/verify`)
      .set(as(ciso))
      .send({ method: 'dns_txt' })
      .expect(400);
    expect(missing.body.code).toBe('asset.verification_failed');
    expect(missing.body.message).toMatch(
      /no TXT record "vigie-verification=[0-9a-f]{32}" at portail.ch-exemple.fr/,
    );
    dns.txt.set('portail.ch-exemple.fr', ['v=spf1 -all', `vigie-verification=${asset.verificationToken}`]);
    const verified = await api
      .http()
      .post(`/api/v1/assets/${asset.id}/verify`)
      .set(as(ciso))
      .send({ method: 'dns_txt' })
      .expect(200);
    expect(verified.body).toMatchObject({ verified: true, verificationMethod: 'dns_txt' });
  });

  it('verifies ownership through the well-known file on a real web server, connecting only where allowed', async () => {
    const asset = (await register('url', `http://127.0.0.1:${webPort}/portail`).expect(201)).body;
    const missing = await api
      .http()
      .post(`/api/v1/assets/${asset.id}/verify`)
      .set(as(ciso))
      .send({ method: 'well_known' })
      .expect(400);
    expect(missing.body.message).toMatch(/vigie-verification.txt: HTTP 404/);
    served.set('/.well-known/vigie-verification.txt', `${asset.verificationToken}\n`);
    await api
      .http()
      .post(`/api/v1/assets/${asset.id}/verify`)
      .set(as(ciso))
      .send({ method: 'well_known' })
      .expect(200);

    // Without the allow-list, the same loopback server is out of reach.
    const strict = await startApi({ scan: { allowedNetworks: '', dnsServers: [dns.address] } }, api.db);
    try {
      const admin = await strict.adminToken();
      const refused = await strict
        .http()
        .post(`/api/v1/establishments/${t.a1.id}/assets`)
        .set(as(admin))
        .send({ kind: 'url', value: `http://127.0.0.1:${webPort}/` })
        .expect(400);
      expect(refused.body.details[0].problem).toMatch(/loopback/);
      // A public-looking name that resolves (on the configured DNS server) to loopback: refused before connecting.
      dns.a.set('intranet.ch-exemple.fr', ['127.0.0.1']);
      const hostAsset = (
        await strict
          .http()
          .post(`/api/v1/establishments/${t.a1.id}/assets`)
          .set(as(admin))
          .send({ kind: 'hostname', value: 'intranet.ch-exemple.fr' })
          .expect(201)
      ).body;
      const nowhere = await strict
        .http()
        .post(`/api/v1/assets/${hostAsset.id}/verify`)
        .set(as(admin))
        .send({ method: 'well_known' })
        .expect(400);
      expect(nowhere.body.message).toMatch(
        /intranet.ch-exemple.fr resolves to 127.0.0.1, a loopback address/,
      );
      // With the allow-list, the guard lets the same name through: the failure is now the missing file, not the policy.
      const attempt = await api
        .http()
        .post(`/api/v1/assets/${hostAsset.id}/verify`)
        .set(as(admin))
        .send({ method: 'well_known' })
        .expect(400);
      expect(attempt.body.message).toMatch(
        /^Ownership not verified: https:\/\/intranet.ch-exemple.fr\/.well-known/,
      );
      expect(attempt.body.message).not.toMatch(/loopback address/);
    } finally {
      await strict.close();
    }
  });

  it('lets the regional analyst vouch for an asset, with an audit trail, and keeps tenants apart', async () => {
    const asset = (await register('ipv4', '193.51.24.1').expect(201)).body;
    const selfVouch = await api
      .http()
      .post(`/api/v1/assets/${asset.id}/vouch`)
      .set(as(ciso))
      .send({ reason: 'Je certifie que cette adresse est la nôtre' })
      .expect(403);
    expect(selfVouch.body.code).toBe('access.forbidden');
    const analyst94 = await api.login('analyst94@test.fr', PASSWORD);
    await api
      .http()
      .post(`/api/v1/assets/${asset.id}/vouch`)
      .set(as(analyst94))
      .send({ reason: 'Adresse connue de l’ARS Corse' })
      .expect(404);
    const analyst = await api.login('analyst11@test.fr', PASSWORD);
    await api
      .http()
      .post(`/api/v1/assets/${asset.id}/vouch`)
      .set(as(analyst))
      .send({ reason: 'court' })
      .expect(400);
    const vouched = await api
      .http()
      .post(`/api/v1/assets/${asset.id}/vouch`)
      .set(as(analyst))
      .send({ reason: 'Plage d’adresses du GHT connue de l’ARS' })
      .expect(200);
    expect(vouched.body).toMatchObject({ verified: true, verificationMethod: 'vouched' });
    const event = await api.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'asset.vouch', resourceId: asset.id });
    expect(event).toMatchObject({
      actorId: t.analyst11.id,
      regionCode: '11',
      changes: { reason: { to: 'Plage d’adresses du GHT connue de l’ARS' } },
    });

    const other = await api.login('ciso.b@test.fr', PASSWORD);
    await api.http().get(`/api/v1/assets/${asset.id}`).set(as(other)).expect(404);
    await api.http().get(`/api/v1/establishments/${t.a1.id}/assets`).set(as(other)).expect(404);
    await api
      .http()
      .post(`/api/v1/establishments/${t.a1.id}/assets`)
      .set(as(analyst))
      .send({ kind: 'domain', value: 'x.fr' })
      .expect(403);
    const list = await api
      .http()
      .get(`/api/v1/establishments/${t.a1.id}/assets`)
      .set(as(analyst))
      .expect(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(4);
    expect(list.body).toMatchObject({ total: list.body.items.length, limit: 50, offset: 0 });
    await api.http().delete(`/api/v1/assets/${asset.id}`).set(as(ciso)).expect(204);
  });
});
