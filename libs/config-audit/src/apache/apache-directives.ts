/**
 * How Apache httpd 2.4 (Debian 12: 2.4.57 with OpenSSL 3) merges the directives the rules read, and their
 * built-in defaults. Unknown directives: the last one of the nearest level wins, as for most TAKE1 directives.
 */
export type ApacheMerge =
  /** The last occurrence of the nearest level that sets it. */
  | 'last'
  /** Every occurrence of the nearest level that sets it. */
  | 'list'
  /** Occurrences of every level add up (mod_headers merges the server's and the directory's Header lists). */
  | 'accumulate'
  /** Options with its +/- merging along the chain. */
  | 'options'
  /** SSLProtocol: +/- relative to the same line, result is the set of enabled protocols. */
  | 'sslprotocol';

export const APACHE_MERGE: Record<string, ApacheMerge> = {
  header: 'accumulate',
  requestheader: 'accumulate',
  loadmodule: 'accumulate',
  listen: 'accumulate',
  alias: 'accumulate',
  require: 'list',
  customlog: 'list',
  errorlog: 'list',
  userdir: 'list',
  options: 'options',
  sslprotocol: 'sslprotocol',
};

export const APACHE_DEFAULTS_VERSION = 'Apache HTTP Server 2.4.57, Debian 12';

export const APACHE_DEFAULTS: Record<string, string> = {
  servertokens: 'Full',
  serversignature: 'Off',
  traceenable: 'On',
  options: 'FollowSymLinks',
  allowoverride: 'None',
  sslengine: 'off',
  sslprotocol: 'all -SSLv3',
  sslhonorcipherorder: 'off',
  sslcompression: 'off',
  sslinsecurerenegotiation: 'off',
  sslsessiontickets: 'on',
  fileetag: 'MTime Size',
  timeout: '60',
  keepalive: 'On',
  hostnamelookups: 'Off',
  limitrequestbody: '1073741824',
  loglevel: 'warn',
};

/** `All` in Apache 2.4 means every option but MultiViews. */
const ALL_OPTIONS = ['ExecCGI', 'FollowSymLinks', 'Includes', 'Indexes', 'SymLinksIfOwnerMatch'];
const OPTION_NAMES = [...ALL_OPTIONS, 'IncludesNOEXEC', 'MultiViews'];

/** Applies one Options line to the inherited set; undefined when Apache rejects mixing +/- and plain words. */
export function applyOptions(current: string[], args: string[]): string[] | undefined {
  const signed = args.filter((a) => a.startsWith('+') || a.startsWith('-'));
  if (signed.length > 0 && signed.length !== args.length) return undefined;
  const canonical = (word: string) =>
    OPTION_NAMES.find((o) => o.toLowerCase() === word.toLowerCase()) ?? word;
  const expand = (word: string) =>
    word.toLowerCase() === 'all' ? ALL_OPTIONS : word.toLowerCase() === 'none' ? [] : [canonical(word)];
  if (signed.length === 0) return [...new Set(args.flatMap(expand))];
  let result = [...current];
  for (const arg of args) {
    const names = expand(arg.slice(1));
    result = arg.startsWith('+')
      ? [...new Set([...result, ...names])]
      : result.filter((o) => !names.includes(o));
  }
  return result;
}

/** Protocols mod_ssl enables for `all` when OpenSSL is built without SSLv3, as on Debian 12. */
const ALL_PROTOCOLS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const PROTOCOLS = ['SSLv3', ...ALL_PROTOCOLS];

/** The protocols one SSLProtocol line enables (a word without +/- resets the list, as mod_ssl does). */
export function enabledProtocols(args: string[]): string[] {
  let enabled: string[] = [];
  for (const arg of args) {
    const action = arg[0] === '+' || arg[0] === '-' ? arg[0] : '';
    const word = action ? arg.slice(1) : arg;
    const names =
      word.toLowerCase() === 'all'
        ? ALL_PROTOCOLS
        : PROTOCOLS.filter((p) => p.toLowerCase() === word.toLowerCase());
    if (action === '-') enabled = enabled.filter((p) => !names.includes(p));
    else if (action === '+') enabled = [...new Set([...enabled, ...names])];
    else enabled = [...names];
  }
  return PROTOCOLS.filter((p) => enabled.includes(p));
}

/** Spellings of the documentation, for evidence about values no file sets. */
const DISPLAY = [
  'ServerTokens',
  'ServerSignature',
  'TraceEnable',
  'Options',
  'AllowOverride',
  'SSLEngine',
  'SSLProtocol',
  'SSLCipherSuite',
  'SSLHonorCipherOrder',
  'SSLCompression',
  'SSLInsecureRenegotiation',
  'SSLSessionTickets',
  'FileETag',
  'Timeout',
  'KeepAlive',
  'HostnameLookups',
  'LimitRequestBody',
  'LogLevel',
  'Header',
  'RequestHeader',
  'Require',
  'SetHandler',
];

export const apacheDisplayName = (key: string) => DISPLAY.find((d) => d.toLowerCase() === key) ?? key;
