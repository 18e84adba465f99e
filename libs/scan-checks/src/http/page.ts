import { startTags } from './html-tags';
import { firstHeader, type Hop } from './observation';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** The media type as the Observatory reads it: before any parameter, case kept. */
export function isHtml(hop: Hop): boolean {
  return HTML_TYPES.has((firstHeader(hop.headers, 'content-type') ?? '').split(';')[0]);
}

/** Policies a page declares in `<meta>`: CSP by http-equiv, and the referrer policy by name (the last wins). */
export interface MetaPolicies {
  csp: string[];
  referrer: string[];
}

export function metaPolicies(page: Hop & { body: string }): MetaPolicies {
  const found: MetaPolicies = { csp: [], referrer: [] };
  if (!isHtml(page) || !page.body) return found;
  for (const meta of startTags(page.body, new Set(['meta']))) {
    const httpEquiv = meta.attributes.get('http-equiv');
    const content = meta.attributes.get('content');
    if (httpEquiv !== undefined && content !== undefined) {
      if (content && httpEquiv.toLowerCase().trim() === 'content-security-policy') found.csp.push(content);
    } else if (meta.attributes.get('name')?.toLowerCase().trim() === 'referrer' && content) {
      found.referrer = [content];
    }
  }
  return found;
}

export interface PageScript {
  src: string;
  integrity?: string;
}

/** Every `<script>` of the page, with its source when it has one (inline scripts count as scripts). */
export function pageScripts(page: Hop & { body: string }): PageScript[] {
  return startTags(page.body, new Set(['script'])).map((script) => ({
    src: (script.attributes.get('src') ?? '').trim(),
    integrity: script.attributes.get('integrity'),
  }));
}
