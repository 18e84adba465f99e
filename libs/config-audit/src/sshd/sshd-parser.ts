import type { ConfigWarning } from '../model';
import { hasWildcard, MAX_FILE_READS, TOO_MANY_READS, UploadedFileSet } from '../uploaded-files';
import { own, SSHD_KEYWORDS } from './sshd-keywords';
import { splitSshdLine } from './sshd-lexer';
import { parseMatch, type MatchBlock } from './sshd-match';
import { normalizeSshdValue } from './sshd-values';

/** Where sshd looks for relative Include paths (SSHDIR), and so where relative upload names live. */
export const SSHD_DIR = '/etc/ssh';
const MAX_INCLUDE_DEPTH = 16;

export interface SshdDirective {
  /** Canonical keyword (aliases resolved), lower-case as `sshd -T` prints it. */
  keyword: string;
  /** Values as `sshd -T` prints them, one per printed line (algorithm lists still raw). */
  lines: string[];
  file: string;
  line: number;
  /** The Match blocks the line sits in (all must apply); empty in the global section. */
  conditions: MatchBlock[];
}

export interface ParsedSshd {
  directives: SshdDirective[];
  matchBlocks: MatchBlock[];
  files: string[];
  warnings: ConfigWarning[];
  /** Files read so far, repeats included, to stop include explosions. */
  reads: number;
}

const isAll = (block: MatchBlock) => block.criteria.every((c) => c.attribute === 'all');

/**
 * Reads an sshd_config and what it includes, the way sshd 9.2 does: keywords case-insensitive, `Include`
 * relative to /etc/ssh with globs sorted, an included file's Match blocks ending with that file, and every
 * line tagged with the Match blocks it belongs to so the effective value can be computed per connection.
 */
export function parseSshdConfig(files: UploadedFileSet, entry: string): ParsedSshd {
  const result: ParsedSshd = { directives: [], matchBlocks: [], files: [], warnings: [], reads: 0 };
  const entryPath = files.absolute(entry);
  const entryFile = files.get(entryPath);
  if (!entryFile) {
    result.warnings.push({
      level: 'error',
      message: `Le fichier principal « ${entry} » n’a pas été fourni.`,
    });
    return result;
  }
  readFile(entryFile.name, entryFile.text, [], 0, result, files);
  return result;
}

function readFile(
  name: string,
  text: string,
  outer: MatchBlock[],
  depth: number,
  out: ParsedSshd,
  files: UploadedFileSet,
): void {
  if (!out.files.includes(name)) out.files.push(name);
  let conditions = outer;
  const fail = (line: number, message: string, level: ConfigWarning['level'] = 'error') =>
    out.warnings.push({ level, file: name, line, message });

  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const split = splitSshdLine(raw);
    if (split === undefined) return;
    if ('error' in split) return fail(line, `${split.error} : sshd refuse cette ligne.`);
    const keyword = split.keyword.toLowerCase();
    if (keyword === 'match') {
      const criteria = parseMatch(split.rest);
      if ('error' in criteria)
        return fail(line, `condition Match invalide (${criteria.error}) : sshd refuse de démarrer.`);
      const text = `Match ${split.rest.replace(/\s+#.*$/, '').trim()}`;
      const block: MatchBlock = { criteria, text, file: name, line, outer };
      out.matchBlocks.push(block);
      conditions = [...outer, block];
      return;
    }
    if (keyword === 'include') {
      if (split.args.length === 0) return fail(line, 'Include sans nom de fichier.');
      for (const arg of split.args) include(arg, name, line, conditions, depth, out, files);
      return;
    }
    const spec = own(SSHD_KEYWORDS, keyword);
    if (!spec)
      return fail(line, `mot-clé inconnu « ${split.keyword} » : sshd refuse de démarrer avec ce fichier.`);
    if (!spec.match && conditions.length > 0 && !conditions.every(isAll))
      return fail(line, `${spec.display} n’est pas autorisé dans un bloc Match : sshd refuse de démarrer.`);
    if (spec.ignored) {
      if (spec.ignored !== 'silent')
        fail(line, `option ${spec.display} obsolète ou non prise en charge, ignorée par sshd.`, 'warning');
      return;
    }
    if (split.args.length === 0) return fail(line, `argument manquant pour ${spec.display}.`);
    const value = normalizeSshdValue(spec.aliasOf ?? keyword, spec, split.args);
    if ('error' in value) return fail(line, `${value.error} : sshd refuse de démarrer.`);
    out.directives.push({
      keyword: spec.aliasOf ?? keyword,
      lines: value.lines,
      file: name,
      line,
      conditions,
    });
  });
}

function include(
  arg: string,
  from: string,
  line: number,
  conditions: MatchBlock[],
  depth: number,
  out: ParsedSshd,
  files: UploadedFileSet,
): void {
  if (depth + 1 > MAX_INCLUDE_DEPTH) {
    out.warnings.push({
      level: 'error',
      file: from,
      line,
      message: 'trop d’inclusions imbriquées (une inclusion circulaire ?) : sshd refuse de démarrer.',
    });
    return;
  }
  const pattern = files.absolute(arg, SSHD_DIR);
  const paths = hasWildcard(pattern) ? files.glob(pattern) : files.get(pattern) ? [pattern] : [];
  if (paths.length === 0) {
    out.warnings.push({
      level: 'warning',
      file: from,
      line,
      message: `Include ${arg} : aucun fichier fourni ne correspond (${pattern}) ; son contenu n’a pas été audité.`,
    });
  }
  for (const path of paths) {
    if (++out.reads > MAX_FILE_READS) {
      if (out.reads === MAX_FILE_READS + 1)
        out.warnings.push({ level: 'error', file: from, line, message: TOO_MANY_READS });
      return;
    }
    const file = files.get(path)!;
    readFile(file.name, file.text, conditions, depth + 1, out, files);
  }
}
