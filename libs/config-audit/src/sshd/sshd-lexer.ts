/** Tokenising as OpenSSH's servconf.c does, so that quoting, `=` and comments read the same as in sshd. */

export interface SshdLine {
  keyword: string;
  /** The text after the keyword, for the keywords (Match) that read it themselves. */
  rest: string;
  args: string[];
}

/**
 * Splits one line into keyword and arguments. Returns undefined for blank and comment lines, and an error
 * message for lines sshd rejects (unbalanced quotes, a keyword without argument).
 */
export function splitSshdLine(raw: string): SshdLine | { error: string } | undefined {
  const line = raw.replace(/[ \t\r\n\f]+$/, '');
  const match = /^[ \t]*(?:"([^"]*)"|([^ \t="]+))[ \t]*(?:=[ \t]*)?(.*)$/.exec(line);
  if (!match) return line.trim() === '' ? undefined : { error: 'ligne illisible' };
  const keyword = match[1] ?? match[2];
  if (keyword === '' || keyword.startsWith('#')) return undefined;
  const rest = match[3];
  if (rest === '') return { error: `aucun argument après le mot-clé « ${keyword} »` };
  const args = splitArgs(rest);
  if (args === undefined) return { error: 'guillemets non refermés' };
  return { keyword, rest, args };
}

/** argv_split(..., terminate_on_comment=1) from OpenSSH misc.c. */
export function splitArgs(text: string): string[] | undefined {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break;
    let quote = '';
    let arg = '';
    for (; i < text.length; i++) {
      const ch = text[i];
      const next = text[i + 1];
      if (ch === '\\') {
        if (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' ')) arg += text[++i];
        else arg += ch;
      } else if (quote === '' && (ch === ' ' || ch === '\t')) break;
      else if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
      else if (quote !== '' && ch === quote) quote = '';
      else arg += ch;
    }
    if (quote !== '') return undefined;
    args.push(arg);
  }
  return args;
}

/** OpenSSH convtime(): `90`, `1m30s`, `2h`... to seconds; undefined when sshd would reject it. */
export function convtime(text: string): number | undefined {
  if (!/^(\d+[sSmMhHdDwW]?)+$/.test(text)) return undefined;
  const factors: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const [, number, unit] of text.matchAll(/(\d+)([sSmMhHdDwW]?)/g)) {
    total += Number(number) * (unit ? factors[unit.toLowerCase()] : 1);
  }
  return total <= 2147483647 ? total : undefined;
}

/** OpenSSH match_pattern(): `*` and `?` wildcards, case-sensitive. */
export function matchPattern(text: string, pattern: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

/** OpenSSH match_pattern_list(): 1 when a pattern matches, -1 when a negated one does, 0 otherwise. */
export function matchPatternList(text: string, list: string, lower = false): -1 | 0 | 1 {
  const subject = lower ? text.toLowerCase() : text;
  let result: 0 | 1 = 0;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).trim();
    if (matchPattern(subject, lower ? pattern.toLowerCase() : pattern)) {
      if (negated) return -1;
      result = 1;
    }
  }
  return result;
}
