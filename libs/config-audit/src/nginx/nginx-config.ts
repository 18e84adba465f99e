import type { ObservedValue, ParsedConfig, ScopeItem } from '../model';
import { UploadedFileSet, type UploadedFiles } from '../uploaded-files';
import { NGINX_DEFAULTS, NGINX_DEFAULTS_VERSION, NGINX_DIRECTIVES } from './nginx-directives';
import { parseNginxConfig, type NginxDirective } from './nginx-parser';

/** Where relative upload names live: Debian's nginx configuration folder. */
export const NGINX_DIR = '/etc/nginx';

const spec = (name: string) => (Object.hasOwn(NGINX_DIRECTIVES, name) ? NGINX_DIRECTIVES[name] : undefined);

/**
 * The effective value of a directive for a chain of blocks (main → http → server → location...): the nearest
 * block that sets it wins and its occurrences replace everything above, which is how nginx merges, including
 * the add_header trap. Directives inherited together (allow/deny) are looked up as a group.
 */
export function nginxLookup(chain: NginxDirective[][], key: string): ObservedValue | undefined {
  const s = spec(key);
  const sameGroup = (name: string) =>
    name === key || (s?.group !== undefined && spec(name)?.group === s.group);
  const levels = s?.merge === 'own' ? chain.slice(-1) : chain;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i].filter((d) => !d.children);
    if (!level.some((d) => sameGroup(d.name))) continue;
    const found = level.filter((d) => d.name === key);
    if (found.length === 0) return undefined;
    const kept = s?.merge === 'single' ? found.slice(0, 1) : found;
    return {
      display: key,
      occurrences: kept.map((d) => ({
        text: d.args.join(' '),
        args: d.args,
        source: { file: d.file, line: d.line },
      })),
    };
  }
  if (!Object.hasOwn(NGINX_DEFAULTS, key)) return undefined;
  const text = NGINX_DEFAULTS[key];
  return { display: key, occurrences: [{ text, args: text.split(' ') }], defaultOf: NGINX_DEFAULTS_VERSION };
}

function serverLabel(server: NginxDirective): string {
  const names = server.children?.find((d) => d.name === 'server_name')?.args.filter((n) => n !== '') ?? [];
  const listen = server.children?.find((d) => d.name === 'listen')?.args[0];
  const name = names[0] ?? (listen ? `écoute ${listen}` : 'sans nom');
  return `server « ${name} » (${server.file}:${server.line})`;
}

const item = (label: string, chain: NginxDirective[][]): ScopeItem => ({
  label,
  lookup: (key) => nginxLookup(chain, key),
});

/** Every location, nested ones included, with the chain of blocks above it. */
function locations(block: NginxDirective, chain: NginxDirective[][], label: string): ScopeItem[] {
  return (block.children ?? [])
    .filter((d) => d.name === 'location' && d.children)
    .flatMap((loc) => {
      const locChain = [...chain, loc.children!];
      const locLabel = `${label} › location « ${loc.args.join(' ')} » (${loc.file}:${loc.line})`;
      return [item(locLabel, locChain), ...locations(loc, locChain, locLabel)];
    });
}

export function readNginxConfig(files: UploadedFiles, entry: string): ParsedConfig {
  const parsed = parseNginxConfig(new UploadedFileSet(files, NGINX_DIR), entry);
  const https = parsed.root.filter((d) => d.name === 'http' && d.children);
  return {
    kind: 'nginx',
    files: parsed.files,
    warnings: parsed.warnings,
    items(scope) {
      if (parsed.files.length === 0) return [];
      if (scope === 'main') return [item('contexte principal', [parsed.root])];
      return https.flatMap((http) => {
        const httpChain = [parsed.root, http.children!];
        if (scope === 'http') return [item(`bloc http (${http.file}:${http.line})`, httpChain)];
        return http
          .children!.filter((d) => d.name === 'server' && d.children)
          .flatMap((server) => {
            const chain = [...httpChain, server.children!];
            const label = serverLabel(server);
            if (scope !== 'location') return [item(label, chain)];
            // Requests that match no location are answered with the server's own settings.
            const catchAll = server.children!.some(
              (d) => d.name === 'location' && d.args.length === 1 && d.args[0] === '/',
            );
            return [...(catchAll ? [] : [item(label, chain)]), ...locations(server, chain, label)];
          });
      });
    },
  };
}
