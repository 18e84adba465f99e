export const DMARC_POLICIES = ['none', 'quarantine', 'reject'] as const;
export type DmarcPolicy = (typeof DMARC_POLICIES)[number];

export interface DmarcRecord {
  /** Every tag as written, names in lower case (unknown tags included, as receivers ignore them). */
  tags: Record<string, string>;
  /** The requested policy: `p`, or none when `p` is missing or invalid but a valid `rua` exists (§6.6.3). */
  policy?: DmarcPolicy;
  /** `sp`, defaulting to the policy. */
  subdomainPolicy?: DmarcPolicy;
  pct: number;
  rua: string[];
  ruf: string[];
  /** French descriptions of the syntax errors. */
  errors: string[];
}

/** RFC 7489 §6.6.3: only records whose first tag is exactly v=DMARC1 are DMARC records. */
export function isDmarcRecord(text: string): boolean {
  return /^v[ \t]*=[ \t]*DMARC1[ \t]*(;|$)/.test(text);
}

/** A TXT record that names DMARC but not as its first tag: receivers discard it, the author meant otherwise. */
export function looksLikeMisplacedDmarc(text: string): boolean {
  return !isDmarcRecord(text) && /(^|;)[ \t]*v[ \t]*=[ \t]*DMARC1/i.test(text);
}

const URI = /^mailto:[^@\s,!]+@[a-z0-9.-]+\.[a-z]{2,}(![0-9]+[kmgt]?)?$/i;

const isPolicy = (value: string | undefined): value is DmarcPolicy =>
  (DMARC_POLICIES as readonly string[]).includes(value ?? '');

/** Tag checks: each returns the French reason a value is invalid, or undefined. DMARCbis tags parse too. */
const VALIDATORS: Record<string, (value: string) => string | undefined> = {
  p: (v) => (isPolicy(v) ? undefined : 'attendu none, quarantine ou reject'),
  sp: (v) => (isPolicy(v) ? undefined : 'attendu none, quarantine ou reject'),
  np: (v) => (isPolicy(v) ? undefined : 'attendu none, quarantine ou reject'),
  pct: (v) => (/^\d{1,3}$/.test(v) && Number(v) <= 100 ? undefined : 'attendu un entier de 0 à 100'),
  adkim: (v) => (/^[rs]$/.test(v) ? undefined : 'attendu r ou s'),
  aspf: (v) => (/^[rs]$/.test(v) ? undefined : 'attendu r ou s'),
  fo: (v) => (/^[01ds](:[01ds])*$/.test(v) ? undefined : 'attendu 0, 1, d ou s séparés par « : »'),
  ri: (v) => (/^\d+$/.test(v) ? undefined : 'attendu un nombre de secondes'),
  rua: (v) => uriListError(v),
  ruf: (v) => uriListError(v),
  t: (v) => (/^[yn]$/.test(v) ? undefined : 'attendu y ou n'),
  psd: (v) => (/^[ynu]$/.test(v) ? undefined : 'attendu y, n ou u'),
};

function uriListError(value: string): string | undefined {
  const bad = splitUris(value).filter((uri) => !URI.test(uri));
  return bad.length > 0
    ? `adresse de rapport invalide (${bad.join(', ')}), attendu mailto:adresse`
    : undefined;
}

const splitUris = (value: string) =>
  value
    .split(',')
    .map((uri) => uri.trim())
    .filter((uri) => uri !== '');

/** Parses a DMARC record (RFC 7489 §6.3 and §6.4), collecting every syntax error. */
export function parseDmarcRecord(text: string): DmarcRecord {
  const errors: string[] = [];
  const tags: Record<string, string> = {};
  const parts = text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (!isDmarcRecord(text)) errors.push('la première balise doit être « v=DMARC1 »');
  for (const part of parts) {
    const match = part.match(/^([a-z0-9]+)[ \t]*=[ \t]*(.*)$/i);
    if (!match) {
      errors.push(`« ${part} » : balise mal formée (attendu nom=valeur)`);
      continue;
    }
    const name = match[1].toLowerCase();
    // Enumerated values are case-insensitive; the version and report addresses are kept as written.
    const value = ['v', 'rua', 'ruf'].includes(name) ? match[2] : match[2].toLowerCase();
    if (name in tags) errors.push(`la balise ${name} apparaît plusieurs fois`);
    tags[name] = value;
    const invalid = VALIDATORS[name]?.(value);
    if (invalid) errors.push(`${name}=${match[2]} : ${invalid}`);
  }
  if (tags.p === undefined) errors.push('la balise p (politique) est obligatoire');
  const rua = tags.rua !== undefined && !uriListError(tags.rua) ? splitUris(tags.rua) : [];
  const policy = isPolicy(tags.p) ? tags.p : rua.length > 0 ? 'none' : undefined;
  return {
    tags,
    ...(policy ? { policy } : {}),
    ...(policy ? { subdomainPolicy: isPolicy(tags.sp) ? tags.sp : policy } : {}),
    pct: VALIDATORS.pct(tags.pct ?? '100') ? 100 : Number(tags.pct ?? 100),
    rua,
    ruf: tags.ruf !== undefined && !uriListError(tags.ruf) ? splitUris(tags.ruf) : [],
    errors,
  };
}

/** Strength order of DMARC policies, to tell a weaker subdomain policy. */
export const policyStrength = (policy: DmarcPolicy): number => DMARC_POLICIES.indexOf(policy);
