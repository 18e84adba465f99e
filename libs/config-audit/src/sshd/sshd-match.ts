import { BlockList, isIP } from 'node:net';
import type { SshdConnection } from '../model';
import { matchPatternList } from './sshd-lexer';

export interface MatchCriterion {
  attribute: 'all' | 'user' | 'group' | 'host' | 'address' | 'localaddress' | 'localport' | 'rdomain';
  patterns: string;
}

/** One `Match` line: its criteria (all must hold) and where it is, for evidence. */
export interface MatchBlock {
  criteria: MatchCriterion[];
  text: string;
  file: string;
  line: number;
  /** The blocks in effect where this Match line sits (an Include inside a Match block). */
  outer: MatchBlock[];
}

const ATTRIBUTES = ['all', 'user', 'group', 'host', 'address', 'localaddress', 'localport', 'rdomain'];

/** Reads the criteria of a Match line with strdelim() rules, or says why sshd rejects it. */
export function parseMatch(rest: string): MatchCriterion[] | { error: string } {
  const words: string[] = [];
  const re = /[ \t]*(?:"([^"]*)"|([^ \t"=]+))(?:[ \t]*=)?/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    const word = m[1] ?? m[2];
    if (m[2] !== undefined && word.startsWith('#')) break;
    words.push(word);
  }
  if (words.length === 0) return { error: 'au moins un critère est requis après Match' };
  const criteria: MatchCriterion[] = [];
  for (let i = 0; i < words.length; i++) {
    const attribute = words[i].toLowerCase();
    if (!ATTRIBUTES.includes(attribute)) return { error: `critère Match inconnu « ${words[i]} »` };
    if (attribute === 'all') {
      if (words.length > 1) return { error: '« all » ne peut pas être combiné à d’autres critères Match' };
      return [{ attribute: 'all', patterns: '' }];
    }
    const patterns = words[++i];
    if (patterns === undefined) return { error: `valeur manquante pour le critère Match ${words[i - 1]}` };
    if (attribute === 'localport' && !/^\d+$/.test(patterns))
      return { error: `port invalide « ${patterns} » dans Match LocalPort` };
    if ((attribute === 'address' || attribute === 'localaddress') && addressList(patterns) === undefined)
      return { error: `adresse ou réseau invalide « ${patterns} » dans Match ${words[i - 1]}` };
    criteria.push({ attribute: attribute as MatchCriterion['attribute'], patterns });
  }
  return criteria;
}

interface AddressEntry {
  negated: boolean;
  network?: { address: string; prefix: number; family: 'ipv4' | 'ipv6' };
  pattern?: string;
}

/** addr_match_list(): CIDR entries first, otherwise wildcard patterns; a network with host bits set is an error. */
function addressList(list: string): AddressEntry[] | undefined {
  const entries: AddressEntry[] = [];
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const entry = negated ? raw.slice(1) : raw;
    if (entry === '') return undefined;
    const [address, prefixText, extra] = entry.split('/');
    const family = isIP(address);
    if (family !== 0 && extra === undefined) {
      const max = family === 4 ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!/^\d+$/.test(prefixText ?? '0') || prefix > max) return undefined;
      if (family === 4 && !hostBitsClear(address, prefix)) return undefined;
      entries.push({ negated, network: { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' } });
    } else entries.push({ negated, pattern: entry });
  }
  return entries;
}

function hostBitsClear(address: string, prefix: number): boolean {
  const value = address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  return prefix === 32 || value % 2 ** (32 - prefix) === 0;
}

function matchAddress(address: string, list: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  let matched = false;
  for (const entry of addressList(list) ?? []) {
    let hit = false;
    if (entry.network) {
      const block = new BlockList();
      block.addSubnet(entry.network.address, entry.network.prefix, entry.network.family);
      hit = block.check(address, family === 4 ? 'ipv4' : 'ipv6');
    } else if (entry.pattern) hit = matchPatternList(address, entry.pattern) === 1;
    if (hit && entry.negated) return false;
    if (hit) matched = true;
  }
  return matched;
}

/**
 * Whether a Match line applies. Without a connection (sshd at start-up) only `Match all` applies; a criterion
 * whose attribute the connection does not give does not match, as in `sshd -T -C`.
 */
export function matches(criteria: MatchCriterion[], connection: SshdConnection | undefined): boolean {
  return criteria.every((c) => {
    if (c.attribute === 'all') return true;
    if (!connection) return false;
    switch (c.attribute) {
      case 'user':
        return connection.user !== undefined && matchPatternList(connection.user, c.patterns) === 1;
      case 'group': {
        if (connection.user === undefined || !connection.groups) return false;
        const results = connection.groups.map((group) => matchPatternList(group, c.patterns));
        return !results.includes(-1) && results.includes(1);
      }
      case 'host':
        return connection.host !== undefined && matchPatternList(connection.host, c.patterns, true) === 1;
      case 'address':
        return connection.addr !== undefined && matchAddress(connection.addr, c.patterns);
      case 'localaddress':
        return connection.laddr !== undefined && matchAddress(connection.laddr, c.patterns);
      case 'localport':
        return connection.lport !== undefined && connection.lport === Number(c.patterns);
      case 'rdomain':
        return connection.rdomain !== undefined && matchPatternList(connection.rdomain, c.patterns) === 1;
    }
  });
}
