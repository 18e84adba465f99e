import type { ObservedValue, Occurrence, ScopeItem, SshdConnection } from '../model';
import { assembleAlgorithms } from './sshd-algorithms';
import { SSHD_DEFAULTS, SSHD_DEFAULTS_VERSION } from './sshd-defaults';
import { own, SSHD_KEYWORDS } from './sshd-keywords';
import { matches, type MatchBlock } from './sshd-match';
import type { ParsedSshd, SshdDirective } from './sshd-parser';

/** Which Match blocks count as applying: those matching a connection, or one block taken alone. */
type Activity = (block: MatchBlock) => boolean;

const isAll = (block: MatchBlock) => block.criteria.every((c) => c.attribute === 'all');

/**
 * The effective value of one keyword, as sshd computes it: the global value is the first one read at start-up
 * (global section and `Match all`); for keywords allowed in Match, the first value among the Match blocks that
 * apply wins over it (lists: the Match lines replace the global list); otherwise the built-in default.
 */
export function sshdLookup(parsed: ParsedSshd, key: string, active: Activity): ObservedValue | undefined {
  const spec = own(SSHD_KEYWORDS, key);
  if (!spec || spec.aliasOf) return undefined;
  const lines = parsed.directives.filter((d) => d.keyword === key);
  const global = lines.filter((d) => d.conditions.every(isAll));
  const inMatch = spec.match
    ? lines.filter((d) => d.conditions.length > 0 && d.conditions.every(active))
    : [];
  const occurrences = (d: SshdDirective): Occurrence[] =>
    d.lines.map((text) => ({ text, args: text.split(' '), source: { file: d.file, line: d.line } }));

  let chosen: Occurrence[] = [];
  if (spec.type === 'accumulate') chosen = (inMatch.length > 0 ? inMatch : global).flatMap(occurrences);
  else if (spec.type === 'subsystem') chosen = global.flatMap(occurrences);
  else {
    const first = inMatch[0] ?? global[0];
    if (first) chosen = occurrences(first);
  }
  if (spec.type === 'algorithms' && spec.algorithms) {
    const text = assembleAlgorithms(spec.algorithms, chosen[0]?.text).join(',');
    return chosen.length > 0
      ? { display: spec.display, occurrences: [{ ...chosen[0], text, args: [text] }] }
      : { display: spec.display, occurrences: [{ text, args: [text] }], defaultOf: SSHD_DEFAULTS_VERSION };
  }
  if (chosen.length > 0) return { display: spec.display, occurrences: chosen };
  const defaults = own(SSHD_DEFAULTS, key);
  // A list nobody set (AllowUsers...): known keyword, no value, as sshd -T prints nothing for it.
  if (!defaults) return { display: spec.display, occurrences: [] };
  return {
    display: spec.display,
    occurrences: defaults.map((text) => ({ text, args: text.split(' ') })),
    defaultOf: SSHD_DEFAULTS_VERSION,
  };
}

/** The effective configuration for one connection, like `sshd -T -C user=...,host=...,addr=...`. */
export function sshdConnectionItem(parsed: ParsedSshd, connection: SshdConnection): ScopeItem {
  const described = [
    connection.user !== undefined ? `utilisateur « ${connection.user} »` : '',
    connection.host !== undefined ? `hôte « ${connection.host} »` : '',
    connection.addr !== undefined ? `adresse ${connection.addr}` : '',
  ].filter(Boolean);
  // Whether a Match block applies does not depend on the key looked up: decided once per block.
  const applies = new Map<MatchBlock, boolean>();
  const active = (block: MatchBlock) => {
    let verdict = applies.get(block);
    if (verdict === undefined) applies.set(block, (verdict = matches(block.criteria, connection)));
    return verdict;
  };
  return {
    label: described.length > 0 ? `connexion (${described.join(', ')})` : 'configuration globale',
    lookup: (key) => sshdLookup(parsed, key, active),
  };
}

/** The configuration seen by a connection that only one Match block (and the blocks enclosing it) applies to. */
export function sshdMatchBlockItem(parsed: ParsedSshd, block: MatchBlock): ScopeItem {
  const applying = new Set<MatchBlock>([...block.outer, block]);
  return {
    label: `bloc « ${block.text} » (${block.file}:${block.line})`,
    lookup: (key) => sshdLookup(parsed, key, (b) => isAll(b) || applying.has(b)),
  };
}
