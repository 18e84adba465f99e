/**
 * A port of nginx's ngx_conf_read_token(): the same quoting, escapes, `#` comments (only at the start of a
 * word), `${var}` braces and error messages, so that what we read is what nginx reads.
 */
export type NginxToken =
  | { type: 'directive'; words: string[]; line: number; endLine: number; end: ';' | '{' }
  | { type: 'close'; line: number }
  | { type: 'eof'; line: number }
  | { type: 'error'; message: string; line: number };

export class NginxLexer {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  next(): NginxToken {
    const words: string[] = [];
    let wordStart = -1;
    let startLine = this.line;
    let lastSpace = true;
    let needSpace = false;
    let quoted = false;
    let sQuoted = false;
    let dQuoted = false;
    let comment = false;
    let variable = false;

    for (;;) {
      if (this.pos >= this.text.length) {
        if (words.length > 0 || !lastSpace)
          return {
            type: 'error',
            message: 'unexpected end of file, expecting ";" or "}"',
            line: this.line,
          };
        return { type: 'eof', line: this.line };
      }
      const ch = this.text[this.pos++];
      if (ch === '\n') {
        this.line++;
        if (comment) comment = false;
      }
      if (comment) continue;
      if (quoted) {
        quoted = false;
        continue;
      }
      const space = ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
      if (needSpace) {
        if (space) {
          lastSpace = true;
          needSpace = false;
          continue;
        }
        if (ch === ';' || ch === '{') return this.directive(words, startLine, ch);
        if (ch !== ')') return { type: 'error', message: `unexpected "${ch}"`, line: this.line };
        lastSpace = true;
        needSpace = false;
      }
      if (lastSpace) {
        wordStart = this.pos - 1;
        if (words.length === 0) startLine = this.line;
        if (space) continue;
        switch (ch) {
          case ';':
          case '{':
            if (words.length === 0) return { type: 'error', message: `unexpected "${ch}"`, line: this.line };
            return this.directive(words, startLine, ch);
          case '}':
            if (words.length !== 0) return { type: 'error', message: 'unexpected "}"', line: this.line };
            return { type: 'close', line: this.line };
          case '#':
            comment = true;
            continue;
          case '\\':
            quoted = true;
            lastSpace = false;
            continue;
          case '"':
            wordStart++;
            dQuoted = true;
            lastSpace = false;
            continue;
          case "'":
            wordStart++;
            sQuoted = true;
            lastSpace = false;
            continue;
          case '$':
            variable = true;
            lastSpace = false;
            continue;
          default:
            lastSpace = false;
        }
        continue;
      }
      if (ch === '{' && variable) continue;
      variable = false;
      if (ch === '\\') {
        quoted = true;
        continue;
      }
      if (ch === '$') {
        variable = true;
        continue;
      }
      let found = false;
      if (dQuoted) {
        if (ch === '"') {
          dQuoted = false;
          needSpace = true;
          found = true;
        }
      } else if (sQuoted) {
        if (ch === "'") {
          sQuoted = false;
          needSpace = true;
          found = true;
        }
      } else if (space || ch === ';' || ch === '{') {
        lastSpace = true;
        found = true;
      }
      if (found) {
        words.push(unescape(this.text.slice(wordStart, this.pos - 1)));
        if (ch === ';' || ch === '{') return this.directive(words, startLine, ch);
      }
    }
  }

  private directive(words: string[], line: number, end: string): NginxToken {
    return { type: 'directive', words, line, endLine: this.line, end: end as ';' | '{' };
  }
}

function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') {
      const next = raw[i + 1];
      if (next === '"' || next === "'" || next === '\\') {
        out += next;
        i++;
        continue;
      }
      const control: Record<string, string> = { t: '\t', r: '\r', n: '\n' };
      if (next !== undefined && Object.hasOwn(control, next)) {
        out += control[next];
        i++;
        continue;
      }
    }
    out += raw[i];
  }
  return out;
}
