import type { ObservedValue, Occurrence, ParsedConfig, ScopeItem } from '../model';
import { UploadedFileSet, type UploadedFiles } from '../uploaded-files';
import {
  APACHE_DEFAULTS,
  APACHE_DEFAULTS_VERSION,
  APACHE_MERGE,
  apacheDisplayName,
  applyOptions,
  enabledProtocols,
} from './apache-directives';
import { parseApacheConfig, type ApacheNode } from './apache-parser';

/** Debian's ServerRoot: where relative upload names and Include paths live. */
export const APACHE_DIR = '/etc/apache2';

const own = <T>(table: Record<string, T>, key: string) =>
  Object.hasOwn(table, key) ? table[key] : undefined;
const occurrence = (d: ApacheNode): Occurrence => ({
  text: d.args.join(' '),
  args: d.args,
  source: { file: d.file, line: d.line },
});

/** The effective value of a directive along a chain of levels (server → virtual host → directory sections). */
export function apacheLookup(chain: ApacheNode[][], key: string): ObservedValue | undefined {
  const merge = own(APACHE_MERGE, key) ?? 'last';
  const levels = chain.map((level) => level.filter((d) => !d.children && d.name === key));
  const display = levels.flat()[0]?.spelled ?? apacheDisplayName(key);
  const fromDefault = (text: string): ObservedValue => ({
    display,
    occurrences: [{ text, args: text.split(' ') }],
    defaultOf: APACHE_DEFAULTS_VERSION,
  });

  if (merge === 'options') {
    let enabled = applyOptions([], (own(APACHE_DEFAULTS, key) ?? '').split(' ')) ?? [];
    let last: ApacheNode | undefined;
    for (const d of levels.flat()) {
      enabled = applyOptions(enabled, d.args) ?? enabled;
      last = d;
    }
    const text = enabled.join(' ') || 'None';
    return last
      ? { display, occurrences: [{ text, args: enabled, source: occurrence(last).source }] }
      : fromDefault(text);
  }
  if (merge === 'accumulate') {
    const all = levels.flat();
    return all.length > 0 ? { display, occurrences: all.map(occurrence) } : undefined;
  }
  const nearest = [...levels].reverse().find((level) => level.length > 0);
  if (!nearest) {
    const text = own(APACHE_DEFAULTS, key);
    if (text === undefined) return undefined;
    if (merge !== 'sslprotocol') return fromDefault(text);
    const enabled = enabledProtocols(text.split(' '));
    return { ...fromDefault(enabled.join(' ')), occurrences: [{ text: enabled.join(' '), args: enabled }] };
  }
  if (merge === 'list') return { display, occurrences: nearest.map(occurrence) };
  const last = nearest[nearest.length - 1];
  if (merge === 'sslprotocol') {
    const enabled = enabledProtocols(last.args);
    return { display, occurrences: [{ ...occurrence(last), text: enabled.join(' '), args: enabled }] };
  }
  return { display, occurrences: [occurrence(last)] };
}

const item = (label: string, chain: ApacheNode[][]): ScopeItem => ({
  label,
  lookup: (key) => apacheLookup(chain, key),
});

function vhostLabel(vhost: ApacheNode): string {
  const name = vhost.children?.find((d) => d.name === 'servername')?.args[0];
  return `VirtualHost « ${vhost.args.join(' ')} »${name ? ` (${name})` : ''} (${vhost.file}:${vhost.line})`;
}

const DIRECTORY_KINDS: Record<string, string> = {
  directory: 'directory',
  directorymatch: 'directory',
  location: 'location',
  locationmatch: 'location',
  files: 'files',
  filesmatch: 'files',
  proxy: 'proxy',
  proxymatch: 'proxy',
};

/** Directory and Location sections with a shorter path apply first, as Apache merges them. */
function isPrefixSection(outer: ApacheNode, inner: ApacheNode): boolean {
  if (outer === inner || outer.name !== inner.name || outer.name.endsWith('match')) return false;
  if (outer.args[0]?.startsWith('~') || inner.args[0]?.startsWith('~')) return false;
  const a = (outer.args[0] ?? '').replace(/\/+$/, '');
  const b = (inner.args[0] ?? '').replace(/\/+$/, '');
  return a.length < b.length && (b.startsWith(`${a}/`) || a === '');
}

function directoryItems(
  sections: ApacheNode[],
  siblings: ApacheNode[],
  chain: ApacheNode[][],
  label: string,
): ScopeItem[] {
  return sections
    .filter((s) => Object.hasOwn(DIRECTORY_KINDS, s.name))
    .flatMap((section) => {
      const ancestors = siblings
        .filter((s) => isPrefixSection(s, section))
        .sort((x, y) => (x.args[0] ?? '').length - (y.args[0] ?? '').length);
      const sectionChain = [...chain, ...ancestors.map((s) => s.children!), section.children!];
      const sectionLabel = `${label} › <${section.spelled} ${section.args.join(' ')}> (${section.file}:${section.line})`;
      return [
        item(sectionLabel, sectionChain),
        ...directoryItems(section.children!, section.children!, sectionChain, sectionLabel),
      ];
    });
}

export function readApacheConfig(files: UploadedFiles, entry: string): ParsedConfig {
  const parsed = parseApacheConfig(new UploadedFileSet(files, APACHE_DIR), entry);
  const vhosts = parsed.root.filter((d) => d.name === 'virtualhost');
  const globalDirs = parsed.root.filter((d) => d.children && d.name !== 'virtualhost');
  return {
    kind: 'apache',
    files: parsed.files,
    warnings: parsed.warnings,
    items(scope) {
      if (parsed.files.length === 0) return [];
      const main = item('configuration principale', [parsed.root]);
      if (scope === 'server') return [main];
      const hosts =
        vhosts.length > 0
          ? vhosts.map((v) => ({ label: vhostLabel(v), chain: [parsed.root, v.children!], own: v.children! }))
          : [
              {
                label: 'serveur principal (aucun VirtualHost)',
                chain: [parsed.root],
                own: [] as ApacheNode[],
              },
            ];
      if (scope === 'directory') {
        return [
          ...directoryItems(globalDirs, globalDirs, [parsed.root], 'configuration principale'),
          ...hosts.flatMap((h) => directoryItems(h.own, [...globalDirs, ...h.own], h.chain, h.label)),
        ];
      }
      return hosts.map((h) => item(h.label, h.chain));
    },
  };
}
