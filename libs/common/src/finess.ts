/**
 * FINESS numbers: 9 characters, the first two naming the département (01..95, 2A/2B for Corsica, 97/98 for
 * overseas), the ninth a Luhn check digit over the first eight.
 *
 * Corsica: the letters count as digits with A = 1 and B = 2 ("2A" is read as 21, "2B" as 22). No official text
 * states it; every real Corsican number we found (CH d'Ajaccio 2A0000014, CH de Bastia 2B0000020, and 17 others
 * from ARS Corse decisions) checks under this rule and fails under the others (20, 19/18 as for the NIR).
 *
 * Overseas: "970d" is département 97d (9701 Guadeloupe ... 9704 La Réunion); Mayotte, numbered before it became a
 * département, keeps "9805" (Clinique de Mayotte 980503023).
 */
export type FinessCheck =
  { valid: true; finess: string; departementCode: string } | { valid: false; finess: string; reason: string };

const SHAPE = /^(?:\d{2}|2A|2B)\d{7}$/;
const OVERSEAS_PREFIXES: Record<string, string> = {
  '9701': '971',
  '9702': '972',
  '9703': '973',
  '9704': '974',
  '9805': '976',
};

export function normalizeFiness(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function luhnIsValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function departementOf(finess: string): string | { reason: string } {
  const head = finess.slice(0, 2);
  if (head === '2A' || head === '2B') return head;
  if (head === '97' || head === '98') {
    const code = OVERSEAS_PREFIXES[finess.slice(0, 4)];
    return (
      code ?? { reason: `overseas prefix ${finess.slice(0, 4)} is not one of 9701-9704 or 9805 (Mayotte)` }
    );
  }
  const n = Number(head);
  if (n === 0 || n === 96 || n === 99) return { reason: `${head} is not a département code` };
  if (n === 20) return { reason: 'Corsican FINESS numbers start with 2A or 2B, not 20' };
  return head;
}

/** Checks shape, département prefix and Luhn key; returns the département the number belongs to. */
export function checkFiness(input: string): FinessCheck {
  const finess = normalizeFiness(input);
  if (!SHAPE.test(finess)) {
    return {
      valid: false,
      finess,
      reason: 'a FINESS number is 9 characters: 2 for the département (digits, or 2A/2B) then 7 digits',
    };
  }
  const departement = departementOf(finess);
  if (typeof departement !== 'string') return { valid: false, finess, reason: departement.reason };
  const digits = finess.replace('2A', '21').replace('2B', '22');
  if (!luhnIsValid(digits))
    return { valid: false, finess, reason: 'the check digit (9th character) is wrong' };
  return { valid: true, finess, departementCode: departement };
}

/** The valid FINESS number that starts with these 8 characters: appends its check digit (fixtures, demo data). */
export function completeFiness(eight: string): string {
  const head = normalizeFiness(eight);
  if (!/^(?:\d{2}|2A|2B)\d{6}$/.test(head))
    throw new Error(`cannot complete "${eight}": 8 characters expected`);
  const digits = head.replace('2A', '21').replace('2B', '22');
  for (let key = 0; key <= 9; key++) if (luhnIsValid(`${digits}${key}`)) return `${head}${key}`;
  throw new Error('unreachable: one of ten keys always checks');
}
