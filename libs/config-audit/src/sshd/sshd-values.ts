import { validAlgorithmList } from './sshd-algorithms';
import { own, SSHD_LOG_LEVELS, type SshdKeyword } from './sshd-keywords';
import { convtime } from './sshd-lexer';

const SYSLOG_FACILITIES = [
  'daemon',
  'user',
  'auth',
  'authpriv',
  ...Array.from({ length: 8 }, (_, i) => `local${i}`),
];
const FINGERPRINT_HASHES = ['md5', 'sha256'];
const SINGLE: SshdKeyword['type'][] = [
  'flag',
  'multistate',
  'exact',
  'int',
  'time',
  'loglevel',
  'upper',
  'string',
  'algorithms',
  'maxstartups',
  'permituserenvironment',
];

/**
 * The value of one directive line as `sshd -T` would print it (one string per printed line), or the reason
 * sshd refuses the line. Algorithm lists stay raw here: they are expanded once the effective line is known.
 */
export function normalizeSshdValue(
  keyword: string,
  spec: SshdKeyword,
  args: string[],
): { lines: string[] } | { error: string } {
  const [first] = args;
  if (first === undefined) return { error: `argument manquant pour ${spec.display}` };
  if (SINGLE.includes(spec.type) && args.length > 1)
    return { error: `arguments en trop après ${spec.display} ${first}` };
  const invalid = { error: `valeur « ${first} » invalide pour ${spec.display}` };
  switch (spec.type) {
    case 'flag': {
      const value = first.toLowerCase();
      return value === 'yes' || value === 'no' ? { lines: [value] } : invalid;
    }
    case 'multistate':
    case 'exact': {
      const value = own(spec.states ?? {}, spec.type === 'exact' ? first : first.toLowerCase());
      return value ? { lines: [value] } : invalid;
    }
    case 'int':
      return /^-?\d+$/.test(first) && Math.abs(Number(first)) <= 2147483647
        ? { lines: [String(Number(first))] }
        : invalid;
    case 'time': {
      const seconds = convtime(first);
      return seconds === undefined ? invalid : { lines: [String(seconds)] };
    }
    case 'loglevel': {
      const level = own(SSHD_LOG_LEVELS, first.toLowerCase());
      return level ? { lines: [level] } : invalid;
    }
    case 'upper': {
      const allowed = keyword === 'fingerprinthash' ? FINGERPRINT_HASHES : SYSLOG_FACILITIES;
      return allowed.includes(first.toLowerCase()) ? { lines: [first.toUpperCase()] } : invalid;
    }
    case 'string':
      return { lines: [first.toLowerCase() === 'none' ? 'none' : first] };
    case 'algorithms':
      return spec.algorithms && validAlgorithmList(spec.algorithms, first) ? { lines: [first] } : invalid;
    case 'maxstartups': {
      const single = /^(\d+)$/.exec(first);
      if (single) return { lines: [`${single[1]}:30:${single[1]}`] };
      const triple = /^(\d+):(\d+):(\d+)$/.exec(first);
      if (!triple) return invalid;
      const [begin, rate, max] = triple.slice(1).map(Number);
      return begin > max || rate < 1 || rate > 100 ? invalid : { lines: [`${begin}:${rate}:${max}`] };
    }
    case 'permituserenvironment':
      return { lines: [first] };
    case 'accumulate':
      if (keyword === 'port' && !args.every((p) => /^\d+$/.test(p) && +p > 0 && +p < 65536)) return invalid;
      return { lines: keyword === 'listenaddress' ? [args.join(' ')] : args };
    case 'firstline':
    case 'raw':
      return { lines: [args.join(' ')] };
    case 'firstline-each':
      return { lines: args };
    case 'subsystem':
      return args.length < 2
        ? { error: `commande manquante pour Subsystem ${first}` }
        : { lines: [args.join(' ')] };
  }
}
