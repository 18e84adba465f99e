import { posix } from 'node:path';

/** Uploaded files by the name the user gave them (a path relative to the software's folder, or absolute). */
export type UploadedFiles = Record<string, string | Buffer>;

/**
 * Text of an uploaded file. Windows exports (secedit) are UTF-16LE with a byte-order mark; other tools write
 * UTF-8, sometimes with a BOM. Line ends are normalised so that line numbers match what an editor shows.
 */
export function decodeConfigText(content: string | Buffer): string {
  let text: string;
  if (typeof content === 'string') text = content;
  else if (content[0] === 0xff && content[1] === 0xfe) text = content.subarray(2).toString('utf16le');
  else if (content[0] === 0xfe && content[1] === 0xff) {
    const swapped = Buffer.from(content.subarray(2));
    swapped.swap16();
    text = swapped.toString('utf16le');
  } else if (looksLikeUtf16le(content)) text = content.toString('utf16le');
  else text = content.toString('utf8');
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** UTF-16LE without BOM: ASCII text then has a zero byte after every character. */
function looksLikeUtf16le(content: Buffer): boolean {
  const sample = content.subarray(0, Math.min(content.length, 512) & ~1);
  if (sample.length < 4) return false;
  let zeros = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) zeros++;
  return zeros / (sample.length / 2) > 0.9;
}

/** One glob segment against one name, as glob(3) does: `*`, `?`, `[...]`, and no leading dot by wildcard. */
export function matchSegment(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        let set = pattern.slice(i + 1, end);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else source += escapeRegExp(c);
  }
  try {
    return new RegExp(`${source}$`).test(name);
  } catch {
    // A class such as [z-a] is invalid for glob(3) too: it matches nothing.
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Reads allowed per audit, repeated includes counted: includes can branch (several globs, each re-read at
 * every level), and an upload must not make the worker parse millions of files.
 */
export const MAX_FILE_READS = 256;
export const TOO_MANY_READS = `plus de ${MAX_FILE_READS} lectures de fichiers (inclusions en boucle ?) : la suite n’a pas été lue.`;

export const hasWildcard = (path: string) => /[*?[]/.test(path);

/**
 * The uploaded files seen as a small file system rooted where the software keeps its configuration
 * (`/etc/ssh`, `/etc/nginx`...): relative upload names live under that folder, absolute ones stay where they are.
 */
export class UploadedFileSet {
  private readonly byPath = new Map<string, { name: string; text: string }>();

  constructor(
    files: UploadedFiles,
    readonly baseDir: string,
  ) {
    for (const [name, content] of Object.entries(files)) {
      this.byPath.set(this.absolute(name, baseDir), { name, text: decodeConfigText(content) });
    }
  }

  absolute(path: string, relativeTo: string = this.baseDir): string {
    const clean = path.replace(/\\/g, '/');
    return posix.normalize(posix.isAbsolute(clean) ? clean : posix.join(relativeTo, clean));
  }

  /** Looks a file up by absolute path; returns its upload name and text. */
  get(path: string): { name: string; text: string } | undefined {
    return this.byPath.get(posix.normalize(path));
  }

  /** Absolute paths matching a pattern, sorted byte-wise as glob(3) sorts them in the C locale. */
  glob(pattern: string): string[] {
    const wanted = pattern.split('/');
    return [...this.byPath.keys()]
      .filter((path) => {
        const parts = path.split('/');
        return parts.length === wanted.length && parts.every((part, i) => matchSegment(wanted[i], part));
      })
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
