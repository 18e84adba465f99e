export class CspSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CspSyntaxError';
  }
}

export interface ParsedCsp {
  /** Directive → sources (lower case); a source list left empty reads as `'none'`. */
  directives: Map<string, Set<string>>;
  /** report-uri or report-to given twice: tolerated, but worth saying. */
  duplicateReportDirectives: boolean;
}

/** The shortest policy worth reading is as long as `img-src` minus one, as the Observatory counts. */
const SHORTEST_POLICY = 'img-src'.length - 1;
const TOLERATED_DUPLICATES = new Set(['report-uri', 'report-to']);
/** Directives a `<meta http-equiv>` policy cannot carry (HTML standard). */
const HEADER_ONLY_DIRECTIVES = ['frame-ancestors', 'report-uri', 'sandbox'];
const collator = new Intl.Collator('en');

interface Source {
  source: string;
  policy: number;
  keep: boolean;
}

/** Whether `narrower` is allowed by `broader` on path parts (`https://a.fr/js/` covers `https://a.fr/js/x.js`). */
function pathPartMatch(broader: string, narrower: string): boolean {
  if (broader.length === 0) return true;
  if (broader === '/' && narrower.length === 0) return true;
  const exact = !broader.endsWith('/');
  const a = broader.split('/');
  const b = narrower.split('/');
  if (a.length > b.length || (exact && a.length !== b.length)) return false;
  if (!exact) a.pop();
  return a.every((part, i) => decodeURIComponent(part) === decodeURIComponent(b[i]));
}

/**
 * Parses one or more policies the way the Observatory combines them: a duplicated directive makes a policy
 * invalid; a directive set again by a later policy keeps only the sources both allow, and a directive that only
 * a later policy sets reads as `'none'`. Throws CspSyntaxError on an unreadable policy.
 */
export function parseCsp(policies: string[]): ParsedCsp {
  const clean = policies.map((policy) => policy.replace(/[\r\n]/g, '').trim());
  let duplicateReportDirectives = false;
  const merged = new Map<string, Source[]>();
  for (const policy of clean)
    if (policy.length < SHORTEST_POLICY)
      throw new CspSyntaxError(`policy too short to mean anything: "${policy}"`);
  clean.forEach((policy, index) => {
    const seen = new Set<string>();
    for (const entry of policy.split(';')) {
      const [name, ...values] = entry.trim().split(/\s+/);
      if (!name) continue;
      const directive = name.toLowerCase();
      if (seen.has(directive)) {
        if (!TOLERATED_DUPLICATES.has(directive))
          throw new CspSyntaxError(`directive ${directive} given twice in one policy`);
        duplicateReportDirectives = true;
      }
      seen.add(directive);
      const keep = index === 0;
      const sources: Source[] = values.length
        ? values.map((value) => ({ source: value.trim().toLocaleLowerCase(), policy: index, keep }))
        : directive.endsWith('-src')
          ? [{ source: "'none'", policy: index, keep }]
          : [];
      const combined = index === 0 ? sources : [...(merged.get(directive) ?? []), ...sources];
      combined.sort((a, b) => collator.compare(a.source, b.source));
      for (let i = 1; i < combined.length; i++) {
        const [previous, current] = [combined[i - 1], combined[i]];
        // Within one policy a longer source starting like a shorter one adds nothing.
        if (current.policy === previous.policy && current.source.startsWith(previous.source))
          current.keep = false;
        // Across policies a source counts only when the other policy allows it too.
        if (current.policy !== previous.policy && pathPartMatch(previous.source, current.source))
          current.keep = true;
      }
      const kept = combined.filter((source) => source.keep);
      merged.set(directive, kept);
      // Later policies must confirm every source of the first one.
      if (index === 0 && clean.length > 1) kept.forEach((source) => (source.keep = false));
    }
  });
  const directives = new Map(
    [...merged].map(([directive, sources]): [string, Set<string>] => [
      directive,
      new Set(sources.length ? sources.map((s) => s.source) : ["'none'"]),
    ]),
  );
  return { directives, duplicateReportDirectives };
}

/** A `<meta http-equiv>` policy, without the directives only a header may carry. */
export function parseCspMeta(policies: string[]): ParsedCsp {
  const parsed = parseCsp(policies);
  for (const directive of HEADER_ONLY_DIRECTIVES) parsed.directives.delete(directive);
  return parsed;
}
