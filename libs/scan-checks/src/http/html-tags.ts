export interface HtmlTag {
  name: string;
  /** Lower-case names; the first of a repeated attribute wins, as in a browser. */
  attributes: Map<string, string>;
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const START_TAG =
  /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Elements whose content is text, not markup: a `<meta>` written inside a script is not a meta tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * The start tags of a page that the HTTP checks read (`<meta http-equiv>`, `<meta name="referrer">`,
 * `<script src>`). A tokenizer, not a full HTML parser: enough for the markup servers emit, and what it cannot
 * read it skips rather than guesses.
 */
export function startTags(html: string, wanted: ReadonlySet<string>): HtmlTag[] {
  const text = html.replace(COMMENT, '');
  const tags: HtmlTag[] = [];
  START_TAG.lastIndex = 0;
  for (let match = START_TAG.exec(text); match; match = START_TAG.exec(text)) {
    const name = match[1].toLowerCase();
    if (wanted.has(name)) {
      const attributes = new Map<string, string>();
      for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) {
        const key = attribute[1].toLowerCase();
        if (!attributes.has(key))
          attributes.set(key, decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
      }
      tags.push({ name, attributes });
    }
    if (RAW_TEXT.has(name)) {
      const end = text.toLowerCase().indexOf(`</${name}`, START_TAG.lastIndex);
      START_TAG.lastIndex = end === -1 ? text.length : end;
    }
  }
  return tags;
}
