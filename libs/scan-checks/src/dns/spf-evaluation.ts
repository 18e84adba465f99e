import { DnsLookupError, type DnsClient, type LookupStatus } from './dns-client';
import { normalizeDomain } from './domain-name';
import {
  hasMacro,
  isSpfRecord,
  parseSpfRecord,
  type SpfMechanism,
  type SpfQualifier,
  type SpfTerm,
} from './spf-record';

/** RFC 7208 §4.6.4: terms that query the DNS, counted across the whole include/redirect tree. */
export const SPF_LOOKUP_LIMIT = 10;
/** RFC 7208 §4.6.4: lookups answering NXDOMAIN or no record. */
export const SPF_VOID_LOOKUP_LIMIT = 2;
/** RFC 7208 §4.6.4: MX names one `mx` term may return. */
export const SPF_MX_NAME_LIMIT = 10;

export interface SpfNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  /** The SPF record, when the name holds exactly one. */
  record?: string;
  /** All TXT records starting with v=spf1 (more than one is a permerror). */
  spfRecords: string[];
  terms: SpfTerm[];
  syntaxErrors: string[];
  /** Included and redirect targets, in evaluation order. */
  children: SpfNode[];
}

export type SpfStopReason =
  | 'no-record'
  | 'multiple-records'
  | 'syntax'
  | 'lookup-limit'
  | 'void-limit'
  | 'mx-limit'
  | 'loop'
  | 'temperror';

/** Why a receiver would stop evaluating: `none` only when the domain itself has no SPF record. */
export interface SpfStop {
  result: 'none' | 'permerror' | 'temperror';
  reason: SpfStopReason;
  /** The name whose record or term caused it. */
  domain: string;
  /** The term or name involved. */
  detail?: string;
}

export interface SpfEvaluation {
  root: SpfNode;
  /** DNS-querying terms counted; one more than the limit when it was exceeded, since evaluation stops there. */
  lookups: number;
  voidLookups: number;
  voidNames: string[];
  stop?: SpfStop;
  /** The `all` that ends evaluation, following redirect; undefined when there is none. */
  effectiveAll?: SpfQualifier;
  /** Names whose record uses the deprecated `ptr` mechanism. */
  ptrDomains: string[];
  /** Terms with macros: counted, but not resolvable without a message. */
  macroTerms: string[];
}

interface State {
  lookups: number;
  voidLookups: number;
  voidNames: string[];
  ptrDomains: string[];
  macroTerms: string[];
  stop?: SpfStop;
}

/**
 * Walks the SPF tree of a domain as a receiver would in the worst case (no term matches), counting DNS lookups
 * and void lookups, and stops at the first permerror or temperror, without making the queries beyond it.
 * Throws DnsLookupError when the domain's own TXT query fails, since nothing can be said then.
 */
export async function evaluateSpf(domain: string, dns: DnsClient): Promise<SpfEvaluation> {
  const state: State = { lookups: 0, voidLookups: 0, voidNames: [], ptrDomains: [], macroTerms: [] };
  const root = await visit(normalizeDomain(domain), 'root', [], state, dns);
  const all = effectiveAll(root);
  return {
    root,
    lookups: state.lookups,
    voidLookups: state.voidLookups,
    voidNames: state.voidNames,
    ...(state.stop ? { stop: state.stop } : {}),
    ...(all ? { effectiveAll: all } : {}),
    ptrDomains: state.ptrDomains,
    macroTerms: state.macroTerms,
  };
}

function effectiveAll(node: SpfNode): SpfQualifier | undefined {
  const all = node.terms.find((t): t is SpfMechanism => t.kind === 'mechanism' && t.name === 'all');
  if (all) return all.qualifier;
  const redirect = node.children.find((child) => child.via === 'redirect');
  return redirect ? effectiveAll(redirect) : undefined;
}

async function visit(
  domain: string,
  via: SpfNode['via'],
  path: string[],
  state: State,
  dns: DnsClient,
): Promise<SpfNode> {
  const node: SpfNode = { domain, via, spfRecords: [], terms: [], syntaxErrors: [], children: [] };
  const txt = await dns.txt(domain);
  if (via !== 'root') countVoid(state, domain, txt.status);
  if (state.stop) return node;
  node.spfRecords = txt.records.filter(isSpfRecord);
  if (node.spfRecords.length !== 1) {
    state.stop =
      node.spfRecords.length === 0
        ? { result: via === 'root' ? 'none' : 'permerror', reason: 'no-record', domain }
        : { result: 'permerror', reason: 'multiple-records', domain };
    return node;
  }
  node.record = node.spfRecords[0];
  const parsed = parseSpfRecord(node.record);
  node.terms = parsed.terms;
  node.syntaxErrors = parsed.errors;
  if (parsed.errors.length > 0) {
    state.stop = { result: 'permerror', reason: 'syntax', domain };
    return node;
  }
  const mechanisms = node.terms.filter((t): t is SpfMechanism => t.kind === 'mechanism');
  if (mechanisms.some((m) => m.name === 'ptr')) state.ptrDomains.push(domain);
  const inner = [...path, domain];
  for (const term of mechanisms) {
    // Terms after "all" are never reached, so they cost no lookup.
    if (state.stop || term.name === 'all') break;
    if (term.name === 'ip4' || term.name === 'ip6') continue;
    if (!countLookup(state, domain, term.text)) break;
    const target = term.domainSpec ? normalizeDomain(term.domainSpec) : domain;
    if (term.name === 'ptr' || hasMacro(target)) {
      // ptr needs the sender's address; a macro needs the message: counted, not queried.
      if (hasMacro(target)) state.macroTerms.push(term.text);
      continue;
    }
    await guard(state, async () => {
      if (term.name === 'include') {
        node.children.push(await follow(target, 'include', inner, state, dns));
      } else if (term.name === 'mx') {
        const mx = await dns.mx(target);
        countVoid(state, target, mx.status);
        if (!state.stop && mx.records.length > SPF_MX_NAME_LIMIT) {
          state.stop = { result: 'permerror', reason: 'mx-limit', domain, detail: term.text };
        }
      } else {
        const answer = term.name === 'a' ? await dns.addresses(target) : await dns.ipv4(target);
        countVoid(state, target, answer.status);
      }
    });
  }
  const hasAll = mechanisms.some((m) => m.name === 'all');
  const redirect = node.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
  // RFC 7208 §6.1: redirect is ignored when the record has an "all".
  if (!state.stop && redirect?.kind === 'modifier' && !hasAll && countLookup(state, domain, redirect.text)) {
    const target = normalizeDomain(redirect.value);
    if (hasMacro(target)) state.macroTerms.push(redirect.text);
    else
      await guard(state, async () => node.children.push(await follow(target, 'redirect', inner, state, dns)));
  }
  return node;
}

async function follow(
  target: string,
  via: 'include' | 'redirect',
  path: string[],
  state: State,
  dns: DnsClient,
): Promise<SpfNode> {
  if (path.includes(target)) {
    state.stop = { result: 'permerror', reason: 'loop', domain: path[path.length - 1], detail: target };
    return { domain: target, via, spfRecords: [], terms: [], syntaxErrors: [], children: [] };
  }
  return visit(target, via, path, state, dns);
}

/** A failed query below the domain makes the whole evaluation a temperror, not an exception. */
async function guard(state: State, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DnsLookupError)) throw error;
    state.stop ??= { result: 'temperror', reason: 'temperror', domain: error.domain, detail: error.code };
  }
}

function countLookup(state: State, domain: string, term: string): boolean {
  state.lookups += 1;
  if (state.lookups <= SPF_LOOKUP_LIMIT) return true;
  state.stop = { result: 'permerror', reason: 'lookup-limit', domain, detail: term };
  return false;
}

function countVoid(state: State, name: string, status: LookupStatus): void {
  if (status === 'found' || state.stop) return;
  state.voidLookups += 1;
  state.voidNames.push(name);
  if (state.voidLookups > SPF_VOID_LOOKUP_LIMIT) {
    state.stop = { result: 'permerror', reason: 'void-limit', domain: name };
  }
}
