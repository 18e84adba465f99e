import { checkFiness, completeFiness, luhnIsValid, normalizeFiness } from './finess';

describe('FINESS numbers', () => {
  it.each([
    ['750712184', '75', 'AP-HP (EJ)'],
    ['750100125', '75', 'Pitié-Salpêtrière (ET)'],
    ['330781196', '33', 'CHU de Bordeaux'],
    ['590780193', '59', 'CHU de Lille'],
    ['690781810', '69', 'Hospices civils de Lyon'],
    ['130786049', '13', 'AP-HM'],
    ['010000024', '01', 'Ain'],
    ['2A0000014', '2A', 'CH d’Ajaccio'],
    ['2B0000020', '2B', 'CH de Bastia'],
    ['2A0000170', '2A', 'Corse-du-Sud'],
    ['2B0005342', '2B', 'Haute-Corse'],
    ['970100400', '971', 'Guadeloupe'],
    ['970211207', '972', 'Martinique'],
    ['970302022', '973', 'Guyane'],
    ['970400024', '974', 'La Réunion'],
    ['980503023', '976', 'Mayotte (prefix 9805)'],
  ])('accepts %s in département %s (%s)', (finess, departementCode) => {
    expect(checkFiness(finess)).toEqual({ valid: true, finess, departementCode });
  });

  it('normalises spaces and lower-case Corsican letters', () => {
    expect(normalizeFiness(' 2a 000 0014 ')).toBe('2A0000014');
    expect(checkFiness('2a0000014')).toMatchObject({ valid: true, departementCode: '2A' });
  });

  it.each([
    ['750712185', /check digit/],
    ['2A0000015', /check digit/],
    ['75071218', /9 characters/],
    ['7507121840', /9 characters/],
    ['75O712184', /9 characters/],
    ['2C0000014', /9 characters/],
    ['000000000', /not a département/],
    ['960000005', /not a département/],
    ['990000001', /not a département/],
    ['200000006', /2A or 2B/],
    ['970500002', /overseas prefix 9705/],
    ['980100007', /overseas prefix 9801/],
  ])('rejects %s and says why', (finess, reason) => {
    const check = checkFiness(finess);
    expect(check.valid).toBe(false);
    expect(check.valid ? '' : check.reason).toMatch(reason);
  });

  it('reads Corsican letters as 21/22 for the key, not as 20 or 19/18', () => {
    // 2A0000014 passes only when 2A counts as 21.
    expect(luhnIsValid('210000014')).toBe(true);
    expect(luhnIsValid('200000014')).toBe(false);
    expect(luhnIsValid('190000014')).toBe(false);
  });

  it('completes 8 characters with their check digit', () => {
    expect(completeFiness('75071218')).toBe('750712184');
    expect(completeFiness('2A000001')).toBe('2A0000014');
    expect(completeFiness('2b000002')).toBe('2B0000020');
    expect(() => completeFiness('7507')).toThrow(/8 characters expected/);
  });
});
