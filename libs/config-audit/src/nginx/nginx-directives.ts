/**
 * What we know of nginx 1.22 (Debian 12) directives: where they may appear, how many arguments they take and how
 * a lower level inherits them. Unknown directives are accepted (modules vary) and read as lists.
 */
export type NginxContext = 'main' | 'events' | 'http' | 'server' | 'location' | 'if' | 'upstream' | 'other';

export type NginxMerge =
  /** One value; nginx refuses a second one in the same block. */
  | 'single'
  /** Every occurrence of the nearest level that sets it; a lower level replaces the whole list (add_header). */
  | 'list'
  /** Like list, the occurrences of one level are merged (ssl_protocols is a bit mask). */
  | 'union'
  /** Not inherited: only the block's own occurrences count (return, rewrite). */
  | 'own';

export interface NginxDirectiveSpec {
  contexts: NginxContext[];
  merge: NginxMerge;
  /** Minimum and maximum number of arguments. */
  args: [number, number];
  /** on/off directives, which nginx checks. */
  flag?: boolean;
  /** Directives inherited together: a level that sets one of them drops the inherited others. */
  group?: string;
}

const HSL: NginxContext[] = ['http', 'server', 'location'];
const HS: NginxContext[] = ['http', 'server'];
const MANY = 1000;
const single = (contexts: NginxContext[], args: [number, number] = [1, 1]): NginxDirectiveSpec => ({
  contexts,
  merge: 'single',
  args,
});
const flag = (contexts: NginxContext[]): NginxDirectiveSpec => ({ ...single(contexts), flag: true });
const list = (contexts: NginxContext[], args: [number, number], group?: string): NginxDirectiveSpec => ({
  contexts,
  merge: 'list',
  args,
  ...(group ? { group } : {}),
});

export const NGINX_DIRECTIVES: Record<string, NginxDirectiveSpec> = {
  user: single(['main'], [1, 2]),
  pid: single(['main']),
  worker_processes: single(['main']),
  worker_connections: single(['events']),
  error_log: list(['main', 'http', 'server', 'location'], [1, 2]),
  server_tokens: single(HSL),
  autoindex: flag(HSL),
  add_header: list([...HSL, 'if'], [2, 3]),
  ssl: flag(HS),
  ssl_protocols: { contexts: HS, merge: 'union', args: [1, MANY] },
  ssl_ciphers: single(HS),
  ssl_prefer_server_ciphers: flag(HS),
  ssl_session_tickets: flag(HS),
  ssl_stapling: flag(HS),
  ssl_dhparam: single(HS),
  ssl_certificate: list(HS, [1, 1], 'ssl_certificate'),
  ssl_certificate_key: list(HS, [1, 1], 'ssl_certificate'),
  listen: list(['server'], [1, MANY]),
  server_name: list(['server'], [1, MANY]),
  access_log: list([...HSL, 'if'], [1, MANY]),
  client_max_body_size: single(HSL),
  keepalive_timeout: single(HSL, [1, 2]),
  sendfile: flag([...HSL, 'if']),
  root: single([...HSL, 'if']),
  alias: single(['location']),
  index: list(HSL, [1, MANY]),
  allow: list(HSL, [1, 1], 'access'),
  deny: list(HSL, [1, 1], 'access'),
  stub_status: single(['server', 'location'], [0, 1]),
  return: { contexts: ['server', 'location', 'if'], merge: 'own', args: [1, 2] },
  rewrite: { contexts: ['server', 'location', 'if'], merge: 'own', args: [2, 3] },
  proxy_pass: single(['location', 'if']),
  proxy_hide_header: list(HSL, [1, 1]),
  client_body_temp_path: single(HSL, [1, 4]),
  proxy_temp_path: single(HSL, [1, 4]),
  fastcgi_temp_path: single(HSL, [1, 4]),
  uwsgi_temp_path: single(HSL, [1, 4]),
  scgi_temp_path: single(HSL, [1, 4]),
};

/** Block directives and where they may open. */
export const NGINX_BLOCKS: Record<
  string,
  { contexts: NginxContext[]; becomes: NginxContext; unique?: boolean }
> = {
  events: { contexts: ['main'], becomes: 'events', unique: true },
  http: { contexts: ['main'], becomes: 'http', unique: true },
  stream: { contexts: ['main'], becomes: 'other', unique: true },
  mail: { contexts: ['main'], becomes: 'other', unique: true },
  server: { contexts: ['http', 'other'], becomes: 'server' },
  location: { contexts: ['server', 'location'], becomes: 'location' },
  if: { contexts: ['server', 'location'], becomes: 'if' },
  upstream: { contexts: ['http', 'other'], becomes: 'upstream' },
  map: { contexts: ['http', 'other'], becomes: 'other' },
  geo: { contexts: ['http', 'other'], becomes: 'other' },
  split_clients: { contexts: ['http', 'other'], becomes: 'other' },
  types: { contexts: HSL, becomes: 'other' },
  limit_except: { contexts: ['location'], becomes: 'other' },
};

export const NGINX_DEFAULTS_VERSION = 'nginx 1.22.1, Debian 12';

/** Built-in values of nginx 1.22.1 for the directives rules read (from the module documentation). */
export const NGINX_DEFAULTS: Record<string, string> = {
  server_tokens: 'on',
  autoindex: 'off',
  ssl: 'off',
  ssl_protocols: 'TLSv1 TLSv1.1 TLSv1.2 TLSv1.3',
  ssl_ciphers: 'HIGH:!aNULL:!MD5',
  ssl_prefer_server_ciphers: 'off',
  ssl_session_tickets: 'on',
  ssl_stapling: 'off',
  access_log: 'logs/access.log combined',
  client_max_body_size: '1m',
  keepalive_timeout: '75s',
  sendfile: 'off',
  listen: '*:80',
};
