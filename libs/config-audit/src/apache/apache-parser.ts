import type { ConfigWarning } from '../model';
import { hasWildcard, MAX_FILE_READS, TOO_MANY_READS, UploadedFileSet } from '../uploaded-files';

export interface ApacheNode {
  /** Lower-case name: Apache directives and sections are case-insensitive. */
  name: string;
  /** The name as written, for evidence. */
  spelled: string;
  args: string[];
  file: string;
  line: number;
  /** For the sections kept as scopes (VirtualHost, Directory, Location, Files...). */
  children?: ApacheNode[];
}

export interface ParsedApache {
  root: ApacheNode[];
  files: string[];
  warnings: ConfigWarning[];
}

/** Sections that are scopes of their own; conditional sections are read through (modules assumed present). */
export const APACHE_SCOPE_SECTIONS = [
  'virtualhost',
  'directory',
  'directorymatch',
  'location',
  'locationmatch',
  'files',
  'filesmatch',
  'proxy',
  'proxymatch',
];
const TRANSPARENT = [
  'ifmodule',
  'ifdefine',
  'ifversion',
  'ifdirective',
  'ifsection',
  'iffile',
  'if',
  'elseif',
  'else',
  'limit',
  'limitexcept',
  'requireall',
  'requireany',
  'requirenone',
];
const NEGATABLE = ['ifmodule', 'ifdefine', 'ifdirective', 'ifsection', 'iffile'];
const MAX_INCLUDE_DEPTH = 32;

/** ap_getword_conf(): words split on white space, single or double quotes, backslash before a quote. */
export function splitApacheArgs(text: string): string[] {
  const words: string[] = [];
  const re = /\s*(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|(\S+))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) words.push(m[1].replace(/\\(["\\])/g, '$1'));
    else if (m[2] !== undefined) words.push(m[2].replace(/\\(['\\])/g, '$1'));
    else words.push(m[3]);
  }
  return words;
}

interface Frame {
  name: string;
  into: ApacheNode[];
  /** Content of a negated conditional section (`<IfModule !mod_x.c>`) is skipped: the module is assumed loaded. */
  skip: boolean;
  file: string;
  line: number;
}

/**
 * Reads an Apache httpd configuration: line continuations, sections, `Include`/`IncludeOptional` relative to
 * ServerRoot (Debian's /etc/apache2 unless the file sets it), conditional sections read as if true.
 */
export function parseApacheConfig(files: UploadedFileSet, entry: string): ParsedApache {
  const out: ParsedApache = { root: [], files: [], warnings: [] };
  const main = files.get(files.absolute(entry));
  if (!main) {
    out.warnings.push({ level: 'error', message: `Le fichier principal « ${entry} » n’a pas été fourni.` });
    return out;
  }
  const stack: Frame[] = [{ name: '', into: out.root, skip: false, file: main.name, line: 0 }];
  const state = { serverRoot: files.baseDir, reads: 0 };
  readFile(main.name, main.text, stack, 0, out, files, state);
  for (const open of stack.slice(1).reverse())
    out.warnings.push({
      level: 'error',
      file: open.file,
      line: open.line,
      message: `section <${open.name}> jamais refermée : Apache refuse cette configuration.`,
    });
  return out;
}

function readFile(
  name: string,
  text: string,
  stack: Frame[],
  depth: number,
  out: ParsedApache,
  files: UploadedFileSet,
  state: { serverRoot: string; reads: number },
): void {
  if (!out.files.includes(name)) out.files.push(name);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    line = line.trim();
    if (line === '' || line.startsWith('#')) continue;
    const top = stack[stack.length - 1];
    const warn = (message: string) =>
      out.warnings.push({ level: 'error', file: name, line: lineNumber, message });

    const close = /^<\/([^\s>]+)\s*>$/.exec(line);
    if (close) {
      const closing = close[1].toLowerCase();
      if (stack.length === 1 || top.name !== closing) {
        warn(`</${close[1]}> sans section <${close[1]}> ouverte : Apache refuse cette configuration.`);
        continue;
      }
      stack.pop();
      continue;
    }
    const open = /^<([^\s>/]+)\s*(.*?)\s*>$/.exec(line);
    if (open) {
      const section = open[1].toLowerCase();
      const args = splitApacheArgs(open[2]);
      const negated = NEGATABLE.includes(section) && args[0]?.startsWith('!');
      if (APACHE_SCOPE_SECTIONS.includes(section)) {
        const node: ApacheNode = {
          name: section,
          spelled: open[1],
          args,
          file: name,
          line: lineNumber,
          children: [],
        };
        if (!top.skip) top.into.push(node);
        stack.push({ name: section, into: node.children!, skip: top.skip, file: name, line: lineNumber });
      } else {
        const known = TRANSPARENT.includes(section);
        stack.push({
          name: section,
          into: top.into,
          skip: top.skip || negated || !known,
          file: name,
          line: lineNumber,
        });
      }
      continue;
    }
    if (top.skip) continue;
    const match = /^(\S+)\s*(.*)$/.exec(line)!;
    const directive = match[1].toLowerCase();
    const args = splitApacheArgs(match[2]);
    if (directive === 'serverroot' && args[0]) state.serverRoot = args[0];
    if (directive === 'include' || directive === 'includeoptional') {
      if (args.length !== 1) {
        warn(`${match[1]} attend un seul chemin.`);
        continue;
      }
      if (depth + 1 > MAX_INCLUDE_DEPTH) {
        warn('trop d’inclusions imbriquées (un fichier qui s’inclut lui-même ?).');
        continue;
      }
      const pattern = files.absolute(args[0], state.serverRoot);
      const paths = hasWildcard(pattern) ? files.glob(pattern) : files.get(pattern) ? [pattern] : [];
      if (paths.length === 0) {
        const optional = directive === 'includeoptional';
        out.warnings.push({
          level: optional || hasWildcard(pattern) ? 'warning' : 'error',
          file: name,
          line: lineNumber,
          message: `${match[1]} ${args[0]} : aucun fichier fourni ne correspond (${pattern}) ; ce contenu n’a pas été audité.`,
        });
      }
      for (const path of paths) {
        if (++state.reads > MAX_FILE_READS) {
          if (state.reads === MAX_FILE_READS + 1) warn(TOO_MANY_READS);
          break;
        }
        const file = files.get(path)!;
        readFile(file.name, file.text, stack, depth + 1, out, files, state);
      }
      continue;
    }
    top.into.push({ name: directive, spelled: match[1], args, file: name, line: lineNumber });
  }
}
