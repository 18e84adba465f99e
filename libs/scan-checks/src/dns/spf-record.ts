import { isIPv4, isIPv6 } from 'node:net';

export type SpfQualifier = '+' | '-' | '~' | '?';

export const SPF_MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type SpfMechanismName = (typeof SPF_MECHANISMS)[number];

export interface SpfMechanism {
  kind: 'mechanism';
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** The target name of include, a, mx, ptr and exists, when written. */
  domainSpec?: string;
  /** The address of ip4 and ip6. */
  network?: string;
  cidr4?: number;
  cidr6?: number;
  text: string;
}

export interface SpfModifier {
  kind: 'modifier';
  /** Lower case; redirect and exp are the two RFC 7208 defines, others are ignored by receivers. */
  name: string;
  value: string;
  text: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfRecord {
  terms: SpfTerm[];
  /** French descriptions of every syntax error; any of them makes receivers return permerror. */
  errors: string[];
}

/** RFC 7208 §4.5: "v=spf1" followed by a space or the end of the text. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

/** Whether a domain-spec holds macros, which only a receiver can expand (it needs the sender and its address). */
export function hasMacro(domainSpec: string): boolean {
  return domainSpec.includes('%');
}

const MACRO = /%(?:\{[slodiphcrtv]\d*r?[.\-+,/_=]*\}|[%_-])/gi;
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** Why a domain-spec is invalid, or undefined. Literal parts are checked as DNS labels; macros only by syntax. */
export function domainSpecError(spec: string): string | undefined {
  const literal = spec.replace(MACRO, '');
  if (literal.includes('%')) return 'macro mal formée';
  if (/[^\x21-\x7e]/.test(spec)) return 'caractère interdit';
  if (hasMacro(spec)) {
    // A macro may expand to anything, so only a trailing literal domain can be judged.
    return /%\{[^}]*\}$|%[%_-]$/.test(spec) || TOPLABEL.test(spec.replace(/\.$/, '').split('.').pop() ?? '')
      ? undefined
      : 'doit se terminer par un nom de domaine';
  }
  const labels = spec.replace(/\.$/, '').split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return 'nom de domaine invalide';
  if (!TOPLABEL.test(labels[labels.length - 1])) return 'domaine de premier niveau invalide';
  return undefined;
}

function cidr(text: string, max: number): number | undefined {
  if (!/^(0|[1-9]\d{0,2})$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}

function parseMechanism(term: string, errors: string[]): SpfMechanism | undefined {
  const qualifier = (/^[+\-~?]/.test(term) ? term[0] : '+') as SpfQualifier;
  const body = /^[+\-~?]/.test(term) ? term.slice(1) : term;
  const name = body.match(/^[^:/]*/)![0].toLowerCase();
  let rest = body.slice(name.length);
  if (!(SPF_MECHANISMS as readonly string[]).includes(name)) {
    errors.push(`« ${term} » : mécanisme inconnu`);
    return undefined;
  }
  const mechanism: SpfMechanism = {
    kind: 'mechanism',
    qualifier,
    name: name as SpfMechanismName,
    text: term,
  };
  const fail = (why: string) => {
    errors.push(`« ${term} » : ${why}`);
    return undefined;
  };
  switch (mechanism.name) {
    case 'all':
      return rest === '' ? mechanism : fail('all ne prend aucun argument');
    case 'ip4':
    case 'ip6': {
      const v4 = mechanism.name === 'ip4';
      const match = rest.match(/^:([^/]*)(?:\/(.*))?$/);
      if (!match) return fail(`adresse ${v4 ? 'IPv4' : 'IPv6'} attendue après « ${mechanism.name}: »`);
      const [, network, length] = match;
      if (v4 ? !isIPv4(network) : !isIPv6(network)) {
        const other = v4 ? isIPv6(network) : isIPv4(network);
        return fail(
          other
            ? `${mechanism.name} contient une adresse ${v4 ? 'IPv6' : 'IPv4'}`
            : `adresse ${v4 ? 'IPv4' : 'IPv6'} invalide`,
        );
      }
      mechanism.network = network;
      if (length !== undefined) {
        const value = cidr(length, v4 ? 32 : 128);
        if (value === undefined) return fail(`longueur de préfixe invalide (0 à ${v4 ? 32 : 128})`);
        if (v4) mechanism.cidr4 = value;
        else mechanism.cidr6 = value;
      }
      return mechanism;
    }
    case 'a':
    case 'mx': {
      const dual = rest.match(/(?:\/([^/]*))?(?:\/\/([^/]*))?$/)!;
      if (dual[1] !== undefined) {
        mechanism.cidr4 = cidr(dual[1], 32);
        if (mechanism.cidr4 === undefined) return fail('longueur de préfixe IPv4 invalide (0 à 32)');
      }
      if (dual[2] !== undefined) {
        mechanism.cidr6 = cidr(dual[2], 128);
        if (mechanism.cidr6 === undefined) return fail('longueur de préfixe IPv6 invalide (0 à 128)');
      }
      rest = rest.slice(0, rest.length - dual[0].length);
      break;
    }
  }
  // include, exists, ptr, and what remains of a and mx: an optional (required for include/exists) ":domain".
  const required = mechanism.name === 'include' || mechanism.name === 'exists';
  if (rest === '' && !required) return mechanism;
  if (!rest.startsWith(':') || rest.length === 1) return fail('nom de domaine attendu après « : »');
  const spec = rest.slice(1);
  const specError = domainSpecError(spec);
  if (specError) return fail(specError);
  mechanism.domainSpec = spec;
  return mechanism;
}

/** Parses one SPF record (RFC 7208 §4.6 and §12), collecting every syntax error rather than stopping at the first. */
export function parseSpfRecord(text: string): SpfRecord {
  const errors: string[] = [];
  const terms: SpfTerm[] = [];
  if (!isSpfRecord(text)) return { terms, errors: ['l’enregistrement ne commence pas par « v=spf1 »'] };
  const seen = new Set<string>();
  for (const term of text
    .slice('v=spf1'.length)
    .split(' ')
    .filter((t) => t !== '')) {
    const modifier = term.match(/^([a-z][a-z0-9_.-]*)=(.*)$/i);
    if (!modifier) {
      const mechanism = parseMechanism(term, errors);
      if (mechanism) terms.push(mechanism);
      continue;
    }
    const name = modifier[1].toLowerCase();
    const value = modifier[2];
    if (name === 'redirect' || name === 'exp') {
      if (seen.has(name)) errors.push(`« ${term} » : le modificateur ${name} apparaît plusieurs fois`);
      seen.add(name);
      const specError = domainSpecError(value);
      if (specError) errors.push(`« ${term} » : ${specError}`);
    } else if (value.replace(MACRO, '').includes('%')) {
      errors.push(`« ${term} » : macro mal formée`);
    }
    terms.push({ kind: 'modifier', name, value, text: term });
  }
  return { terms, errors };
}
