import { isDmarcRecord, looksLikeMisplacedDmarc, parseDmarcRecord } from './dmarc-record';

describe('DMARC record parser (RFC 7489)', () => {
  it('reads the policy tags with their defaults', () => {
    expect(
      parseDmarcRecord(
        'v=DMARC1; p=Quarantine; rua=mailto:dmarc@ch-exemple.fr,mailto:rapports@msp.test!10m;',
      ),
    ).toEqual({
      tags: { v: 'DMARC1', p: 'quarantine', rua: 'mailto:dmarc@ch-exemple.fr,mailto:rapports@msp.test!10m' },
      policy: 'quarantine',
      subdomainPolicy: 'quarantine',
      pct: 100,
      rua: ['mailto:dmarc@ch-exemple.fr', 'mailto:rapports@msp.test!10m'],
      ruf: [],
      errors: [],
    });
    expect(
      parseDmarcRecord('v = DMARC1 ;p=reject; sp=none; pct=25; adkim=s; aspf=r; fo=1:d; ri=3600'),
    ).toMatchObject({
      policy: 'reject',
      subdomainPolicy: 'none',
      pct: 25,
      errors: [],
    });
  });

  it('accepts the DMARCbis tags and ignores unknown ones', () => {
    expect(parseDmarcRecord('v=DMARC1; p=reject; np=reject; t=n; psd=u; futur=1').errors).toEqual([]);
  });

  it('recognises DMARC records only by an exact first v=DMARC1 tag', () => {
    expect(isDmarcRecord('v=DMARC1; p=none')).toBe(true);
    expect(isDmarcRecord('v=DMARC1')).toBe(true);
    expect(isDmarcRecord('v=dmarc1; p=none')).toBe(false);
    expect(isDmarcRecord('p=reject; v=DMARC1')).toBe(false);
    expect(isDmarcRecord('v=DMARC10; p=none')).toBe(false);
    expect(looksLikeMisplacedDmarc('p=reject; v=DMARC1')).toBe(true);
    expect(looksLikeMisplacedDmarc('v=DMARC1; p=reject')).toBe(false);
    expect(looksLikeMisplacedDmarc('v=spf1 -all')).toBe(false);
  });

  it('requires p, yet treats a record with a valid rua as p=none (§6.6.3)', () => {
    const withRua = parseDmarcRecord('v=DMARC1; rua=mailto:dmarc@ch-exemple.fr');
    expect(withRua.errors).toEqual(['la balise p (politique) est obligatoire']);
    expect(withRua.policy).toBe('none');
    const bare = parseDmarcRecord('v=DMARC1; p=bloquer');
    expect(bare.policy).toBeUndefined();
    expect(bare.errors).toEqual(['p=bloquer : attendu none, quarantine ou reject']);
  });

  it('reports every invalid tag value', () => {
    expect(
      parseDmarcRecord('v=DMARC1; p=reject; pct=150; adkim=x; rua=dmarc@ch-exemple.fr; p=none; oops').errors,
    ).toEqual([
      'pct=150 : attendu un entier de 0 à 100',
      'adkim=x : attendu r ou s',
      'rua=dmarc@ch-exemple.fr : adresse de rapport invalide (dmarc@ch-exemple.fr), attendu mailto:adresse',
      'la balise p apparaît plusieurs fois',
      '« oops » : balise mal formée (attendu nom=valeur)',
    ]);
  });
});
