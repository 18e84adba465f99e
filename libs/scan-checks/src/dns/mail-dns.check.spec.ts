import { generateKeyPairSync } from 'node:crypto';
import { TestDnsServer } from '@vigie/testing';
import { DnsLookupError } from './dns-client';
import { checkMailDns, DNS_CHECKS_VERSION } from './mail-dns.check';

const rsaKey = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .publicKey.export({ format: 'der', type: 'spki' })
    .toString('base64');

describe('mail DNS check against a real DNS server on 127.0.0.1', () => {
  let server: TestDnsServer;
  const check = (domain: string, dkimSelectors?: string[]) =>
    checkMailDns(domain, { servers: [server.address], dkimSelectors, timeoutMs: 1000, tries: 1 });
  const summary = (findings: { checkId: string; severity: string; title: string }[]) =>
    findings.map((f) => `${f.checkId} ${f.severity} ${f.title}`);

  beforeAll(async () => {
    server = await new TestDnsServer().start();
  });
  afterAll(() => server.stop());

  it('finds nothing to say about a well configured domain, and reports what it read', async () => {
    // A record longer than 255 bytes: the server splits it, the check must join it without spaces.
    const ranges = Array.from({ length: 16 }, (_, i) => `ip4:198.51.100.${i * 16}/28`).join(' ');
    server.txt.set('ch-modele.test', [`v=spf1 mx ${ranges} include:_spf.msp.test -all`, 'autre=1']);
    server.txt.set('_spf.msp.test', ['v=spf1 ip4:203.0.113.0/24 -all']);
    server.mx.set('ch-modele.test', [
      { priority: 20, exchange: 'mx2.ch-modele.test' },
      { priority: 10, exchange: 'mx1.ch-modele.test' },
    ]);
    server.txt.set('_dmarc.ch-modele.test', ['v=DMARC1; p=reject; rua=mailto:dmarc@ch-modele.test']);
    server.txt.set('s2024._domainkey.ch-modele.test', [['v=DKIM1; k=rsa; p=', rsaKey(2048)].join('')]);

    const result = await check('ch-modele.test', ['S2024']);

    expect(result.findings).toEqual([]);
    expect(result.version).toBe(DNS_CHECKS_VERSION);
    expect(result.details.mx).toEqual({
      status: 'found',
      nullMx: false,
      records: [
        { priority: 10, exchange: 'mx1.ch-modele.test' },
        { priority: 20, exchange: 'mx2.ch-modele.test' },
      ],
    });
    expect(result.details.spf).toMatchObject({ lookups: 2, voidLookups: 0, effectiveAll: '-' });
    expect(result.details.spf?.root.record?.length).toBeGreaterThan(255);
    expect(result.details.dmarc?.record).toMatchObject({ policy: 'reject', pct: 100 });
    expect(result.details.dkim).toEqual([
      expect.objectContaining({
        selector: 's2024',
        status: 'found',
        keys: [expect.objectContaining({ bits: 2048 })],
      }),
    ]);
  });

  it('reports each weakness of a badly configured domain with its severity', async () => {
    server.txt.set('ch-faible.test', ['v=spf1 a ptr +all']);
    server.a.set('ch-faible.test', ['192.0.2.80']);
    server.mx.set('ch-faible.test', [{ priority: 10, exchange: 'mail.ch-faible.test' }]);
    server.txt.set('_dmarc.ch-faible.test', ['v=DMARC1; p=none; sp=none']);
    server.txt.set('court._domainkey.ch-faible.test', [`v=DKIM1; p=${rsaKey(1024)}`]);
    server.txt.set('essai._domainkey.ch-faible.test', [`v=DKIM1; t=y; p=${rsaKey(512)}`]);
    server.txt.set('ancien._domainkey.ch-faible.test', ['v=DKIM1; p=']);
    server.txt.set('exotique._domainkey.ch-faible.test', ['v=DKIM1; k=dsa; p=AAAA']);

    const result = await check('ch-faible.test', [
      'court',
      'essai',
      'ancien',
      'exotique',
      'absent',
      'pas valide',
    ]);

    expect(summary(result.findings)).toEqual([
      'dns.spf critical SPF autorisant n’importe quel expéditeur (+all)',
      'dns.spf low Mécanisme ptr déconseillé dans le SPF',
      'dns.dmarc medium Politique DMARC en surveillance seule (p=none)',
      'dns.dmarc low Aucun rapport DMARC demandé',
      'dns.dkim info Sélecteur DKIM déclaré invalide',
      'dns.dkim medium Clé DKIM faible',
      'dns.dkim high Clé DKIM trop courte, refusée par les vérificateurs',
      'dns.dkim low Clé DKIM en mode test (t=y)',
      'dns.dkim low Clé DKIM révoquée',
      'dns.dkim medium Enregistrement DKIM invalide',
      'dns.dkim medium Clé DKIM introuvable pour un sélecteur déclaré',
    ]);
    // Keys identify a fact from one scan to the next: stable, and distinct within one check and target.
    expect(result.findings.map((f) => f.key)).toEqual([
      'spf-all-pass',
      'spf-ptr',
      'dmarc-p-none',
      'dmarc-no-rua',
      'dkim-invalid-selector',
      'dkim-weak-key',
      'dkim-weak-key',
      'dkim-testing',
      'dkim-revoked',
      'dkim-invalid',
      'dkim-missing',
    ]);
    expect(new Set(result.findings.map((f) => `${f.checkId} ${f.target} ${f.key}`)).size).toBe(
      result.findings.length,
    );
    const dkim = result.findings.filter((f) => f.checkId === 'dns.dkim');
    expect(dkim[1]).toMatchObject({ target: 'court._domainkey.ch-faible.test' });
    expect(dkim[1].evidence).toContain('1024 bits');
    expect(dkim[2].evidence).toContain('512 bits');
    expect(dkim[5].evidence).toContain('type de clé k=dsa inconnu');
    expect(result.details.spf?.lookups).toBe(2);
  });

  it('recognises a domain that refuses mail and says what is missing to lock it down', async () => {
    server.mx.set('ch-sans-courrier.test', [{ priority: 0, exchange: '.' }]);
    server.txt.set('ch-sans-courrier.test', ['v=spf1 ~all']);

    const result = await check('ch-sans-courrier.test', ['s1']);

    expect(result.details.mx.nullMx).toBe(true);
    expect(summary(result.findings)).toEqual([
      'dns.mx low Domaine sans messagerie incomplètement verrouillé',
      'dns.spf low SPF en échec souple (~all)',
      'dns.dmarc high Aucune politique DMARC',
      'dns.dkim medium Clé DKIM introuvable pour un sélecteur déclaré',
    ]);
    expect(result.findings[0].evidence).toContain(
      'son SPF ne se termine pas par « -all » et sa politique DMARC n’est pas « reject »',
    );
  });

  it('flags a domain with neither MX nor SPF, and a softfail backed by DMARC reject only as info', async () => {
    server.a.set('ch-web.test', ['192.0.2.7']);
    server.txt.set('_dmarc.ch-web.test', ['v=DMARC1; p=reject; rua=mailto:dmarc@ch-web.test']);
    server.txt.set('ch-souple.test', ['v=spf1 mx ~all']);
    server.mx.set('ch-souple.test', [{ priority: 10, exchange: 'mx.ch-souple.test' }]);
    server.txt.set('_dmarc.ch-souple.test', ['v=DMARC1; p=reject; rua=mailto:dmarc@ch-souple.test']);

    expect(summary((await check('ch-web.test')).findings)).toEqual([
      'dns.mx low Aucun serveur de messagerie (MX) déclaré',
      'dns.spf high Aucun enregistrement SPF',
      'dns.dkim info DKIM non vérifié : aucun sélecteur déclaré',
    ]);
    expect(summary((await check('ch-souple.test')).findings)).toEqual([
      'dns.spf info SPF en échec souple (~all)',
      'dns.dkim info DKIM non vérifié : aucun sélecteur déclaré',
    ]);
  });

  it('explains SPF and DMARC records that receivers reject', async () => {
    server.mx.set('ch-erreurs.test', [{ priority: 10, exchange: 'mx.ch-erreurs.test' }]);
    server.txt.set('ch-erreurs.test', ['v=spf1 ip4:2001:db8::1 mx']);
    server.txt.set('_dmarc.ch-erreurs.test', ['v=DMARC1; p=reject', 'v=DMARC1; p=none']);
    server.mx.set('ch-dmarc-inverse.test', [{ priority: 10, exchange: 'mx.ch-dmarc-inverse.test' }]);
    server.txt.set('ch-dmarc-inverse.test', ['v=spf1 mx -all']);
    server.txt.set('_dmarc.ch-dmarc-inverse.test', ['p=reject; v=DMARC1']);

    const errors = await check('ch-erreurs.test', []);
    expect(summary(errors.findings).slice(0, 3)).toEqual([
      'dns.spf high Erreur de syntaxe dans le SPF',
      'dns.spf medium SPF sans mécanisme « all »',
      'dns.dmarc high Plusieurs enregistrements DMARC',
    ]);
    expect(errors.findings[0].evidence).toContain('« ip4:2001:db8::1 » : ip4 contient une adresse IPv6');
    expect(summary((await check('ch-dmarc-inverse.test', [])).findings)).toContain(
      'dns.dmarc high Enregistrement DMARC ignoré (v=DMARC1 mal placé)',
    );
  });

  it('flags a partial DMARC policy and a weaker subdomain policy', async () => {
    server.mx.set('ch-partiel.test', [{ priority: 10, exchange: 'mx.ch-partiel.test' }]);
    server.txt.set('ch-partiel.test', ['v=spf1 mx -all']);
    server.txt.set('_dmarc.ch-partiel.test', [
      'v=DMARC1; p=quarantine; sp=none; pct=30; rua=mailto:d@ch-partiel.test',
    ]);

    const { findings } = await check('ch-partiel.test', []);

    expect(summary(findings)).toEqual([
      'dns.dmarc low Politique DMARC appliquée partiellement',
      'dns.dmarc low Politique DMARC plus faible pour les sous-domaines',
      'dns.dkim info DKIM non vérifié : aucun sélecteur déclaré',
    ]);
    expect(findings[0].evidence).toBe(
      'pct=30 : la politique « quarantine » ne s’applique qu’à 30 % des messages en échec.',
    );
  });

  it('reports the SPF lookup limit in French with the term that crossed it', async () => {
    server.mx.set('ch-limite.test', [{ priority: 10, exchange: 'mx.ch-limite.test' }]);
    server.txt.set('ch-limite.test', [
      `v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:p${i}.prestataires.test`).join(' ')} -all`,
    ]);
    for (let i = 0; i < 11; i++) server.txt.set(`p${i}.prestataires.test`, ['v=spf1 ip4:192.0.2.1 -all']);

    const [limit] = (await check('ch-limite.test', [])).findings;

    expect(limit).toMatchObject({ checkId: 'dns.spf', severity: 'high', target: 'ch-limite.test' });
    expect(limit.evidence).toContain(
      'la 11e est « include:p10.prestataires.test » dans le SPF de ch-limite.test',
    );
  });

  it('says a missing domain does not exist, and refuses to conclude when its DNS fails', async () => {
    const missing = await check('ch-inconnu.test', ['s1']);
    expect(summary(missing.findings)).toEqual(['dns.mx info Le domaine n’existe pas dans le DNS']);
    server.servfail.add('ch-en-panne.test');
    await expect(check('ch-en-panne.test')).rejects.toBeInstanceOf(DnsLookupError);
    await expect(check('pas un domaine')).rejects.toThrow(TypeError);
  });

  it('stops when the scan is aborted, even while the DNS server stays silent', async () => {
    server.unanswered.add('ch-muet.test');
    const controller = new AbortController();
    const pending = checkMailDns('ch-muet.test', {
      servers: [server.address],
      timeoutMs: 30000,
      tries: 1,
      signal: controller.signal,
    });
    // Abort once the server has seen the queries, so the cancellation hits queries in flight.
    while (!server.queries.some((q) => q.name === 'ch-muet.test')) await new Promise((r) => setImmediate(r));
    controller.abort(new Error('scan interrompu'));
    await expect(pending).rejects.toThrow('scan interrompu');
  });
});
