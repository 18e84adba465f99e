import { posix } from 'node:path';
import type { ConfigWarning } from '../model';
import { hasWildcard, MAX_FILE_READS, TOO_MANY_READS, UploadedFileSet } from '../uploaded-files';
import { NGINX_BLOCKS, NGINX_DIRECTIVES, type NginxContext } from './nginx-directives';
import { NginxLexer } from './nginx-lexer';

export interface NginxDirective {
  name: string;
  args: string[];
  file: string;
  /** Line of the directive name (for evidence). */
  line: number;
  /** Present for blocks, with includes already expanded in place. */
  children?: NginxDirective[];
  /** The block's context (server, location...), for blocks. */
  context?: NginxContext;
}

export interface ParsedNginx {
  /** The main context. */
  root: NginxDirective[];
  files: string[];
  warnings: ConfigWarning[];
}

const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * Reads an nginx configuration as nginx does: blocks, `include` (relative to the main file's folder, globs sorted)
 * expanded in place, and the checks nginx makes before starting (block placement, duplicates, arguments).
 * Messages quote nginx's own wording so that they can be compared with `nginx -t`.
 */
export function parseNginxConfig(files: UploadedFileSet, entry: string): ParsedNginx {
  const out: ParsedNginx = { root: [], files: [], warnings: [] };
  const entryPath = files.absolute(entry);
  const main = files.get(entryPath);
  if (!main) {
    out.warnings.push({ level: 'error', message: `Le fichier principal « ${entry} » n’a pas été fourni.` });
    return out;
  }
  const parser = new Parser(files, posix.dirname(entryPath), out);
  parser.parseFile(main.name, main.text, out.root, 'main', undefined);
  return out;
}

const MAX_INCLUDE_DEPTH = 32;

class Parser {
  private failed = false;
  private depth = 0;
  private reads = 0;

  constructor(
    private readonly files: UploadedFileSet,
    private readonly prefix: string,
    private readonly out: ParsedNginx,
  ) {}

  parseFile(
    name: string,
    text: string,
    into: NginxDirective[],
    context: NginxContext,
    parent?: NginxDirective,
  ) {
    if (!this.out.files.includes(name)) this.out.files.push(name);
    this.parseBlock(new NginxLexer(text), name, into, context, parent, false);
  }

  private error(file: string, line: number, message: string) {
    // nginx stops at its first error; later ones would only be consequences of it.
    if (this.failed) return;
    this.failed = true;
    this.out.warnings.push({
      level: 'error',
      file,
      line,
      message: `${message} (nginx refuse cette configuration)`,
    });
  }

  private parseBlock(
    lexer: NginxLexer,
    file: string,
    into: NginxDirective[],
    context: NginxContext,
    parent: NginxDirective | undefined,
    inBlock: boolean,
  ): boolean {
    for (;;) {
      const token = lexer.next();
      if (token.type === 'error') return (this.error(file, token.line, token.message), false);
      if (token.type === 'eof') {
        if (inBlock) return (this.error(file, token.line, 'unexpected end of file, expecting "}"'), false);
        return true;
      }
      if (token.type === 'close') {
        if (!inBlock) return (this.error(file, token.line, 'unexpected "}"'), false);
        return true;
      }
      const [name, ...args] = token.words;
      const directive: NginxDirective = { name, args, file, line: token.line };
      const at = token.endLine;
      if (name === 'include' && token.end === ';') {
        if (args.length !== 1) this.error(file, at, 'invalid number of arguments in "include" directive');
        else this.include(args[0], file, at, into, context, parent);
        continue;
      }
      const block = own(NGINX_BLOCKS, name);
      const spec = own(NGINX_DIRECTIVES, name);
      if (token.end === '{') {
        if (spec && !block) this.error(file, at, `directive "${name}" is not terminated by ";"`);
        const becomes = block?.becomes ?? 'other';
        if (block && !block.contexts.includes(context))
          this.error(file, at, `"${name}" directive is not allowed here`);
        if (block?.unique && into.some((d) => d.name === name))
          this.error(file, at, `"${name}" directive is duplicate`);
        if (name === 'location') this.checkLocation(directive, parent, file, at);
        directive.children = [];
        directive.context = becomes;
        into.push(directive);
        if (!this.parseBlock(lexer, file, directive.children, becomes, directive, true)) return false;
        continue;
      }
      if (block && (name !== 'server' || context !== 'upstream'))
        this.error(file, at, `directive "${name}" has no opening "{"`);
      if (spec) this.checkDirective(directive, spec, into, context, file, at);
      into.push(directive);
    }
  }

  private checkDirective(
    d: NginxDirective,
    spec: (typeof NGINX_DIRECTIVES)[string],
    siblings: NginxDirective[],
    context: NginxContext,
    file: string,
    at: number,
  ) {
    const allowed =
      spec.contexts.includes(context) || (context === 'if' && spec.contexts.includes('location'));
    if (!allowed) return this.error(file, at, `"${d.name}" directive is not allowed here`);
    if (d.args.length < spec.args[0] || d.args.length > spec.args[1])
      return this.error(file, at, `invalid number of arguments in "${d.name}" directive`);
    if (spec.flag && !['on', 'off'].includes(d.args[0].toLowerCase()))
      return this.error(
        file,
        at,
        `invalid value "${d.args[0]}" in "${d.name}" directive, it must be "on" or "off"`,
      );
    if (spec.merge === 'single' && siblings.some((s) => s.name === d.name))
      this.error(file, at, `"${d.name}" directive is duplicate`);
  }

  /** The nesting checks of ngx_http_core_location(). */
  private checkLocation(d: NginxDirective, parent: NginxDirective | undefined, file: string, at: number) {
    if (d.args.length < 1 || d.args.length > 2)
      return this.error(file, at, 'invalid number of arguments in "location" directive');
    if (parent?.name !== 'location') return;
    const name = d.args[d.args.length - 1];
    const modifier = d.args.length === 2 ? d.args[0] : '';
    const parentName = parent.args[parent.args.length - 1];
    const parentModifier = parent.args.length === 2 ? parent.args[0] : '';
    if (parentModifier === '=' || parentName.startsWith('='))
      return this.error(file, at, `location "${name}" cannot be inside the exact location "${parentName}"`);
    if (parentName.startsWith('@'))
      return this.error(file, at, `location "${name}" cannot be inside the named location "${parentName}"`);
    if (name.startsWith('@'))
      return this.error(file, at, `named location "${name}" can be on the server level only`);
    const regex = modifier.startsWith('~') || (modifier === '' && name.startsWith('~'));
    if (!regex && !name.startsWith(parentName))
      this.error(file, at, `location "${name}" is outside location "${parentName}"`);
  }

  private include(
    pattern: string,
    from: string,
    line: number,
    into: NginxDirective[],
    context: NginxContext,
    parent: NginxDirective | undefined,
  ) {
    const path = this.files.absolute(pattern, this.prefix);
    if (hasWildcard(path)) {
      const paths = this.files.glob(path);
      if (paths.length === 0)
        this.out.warnings.push({
          level: 'warning',
          file: from,
          line,
          message: `include ${pattern} : aucun fichier fourni ne correspond ; ce contenu n’a pas été audité.`,
        });
      for (const p of paths) this.includeFile(p, into, context, parent);
      return;
    }
    if (!this.files.get(path)) {
      this.out.warnings.push({
        level: 'error',
        file: from,
        line,
        message: `include ${pattern} : fichier non fourni (${path}) ; nginx refuse de démarrer s’il manque aussi sur le serveur.`,
      });
      return;
    }
    this.includeFile(path, into, context, parent);
  }

  private includeFile(path: string, into: NginxDirective[], context: NginxContext, parent?: NginxDirective) {
    const file = this.files.get(path)!;
    // nginx has no limit and would loop on a file that includes itself; an upload must not hang the worker.
    if (++this.reads > MAX_FILE_READS) {
      if (this.reads === MAX_FILE_READS + 1)
        this.out.warnings.push({ level: 'error', file: file.name, message: TOO_MANY_READS });
      return;
    }
    if (this.depth >= MAX_INCLUDE_DEPTH)
      return this.error(file.name, 1, 'include nesting too deep (a file including itself?)');
    this.depth++;
    this.parseFile(file.name, file.text, into, context, parent);
    this.depth--;
  }
}
