/**
 * The sshd_config keywords of OpenSSH 9.2p1 as built by Debian 12 (bookworm), with whether they may appear in a
 * `Match` block and how sshd reads their value. Checked keyword by keyword against `/usr/sbin/sshd -T` of
 * openssh-server 1:9.2p1-2+deb12u*: an unknown keyword makes sshd refuse to start, a global-only one inside a
 * Match block too.
 */
export type SshdValueType =
  /** yes/no, case-insensitive. */
  | 'flag'
  /** One word out of a list (case-insensitive); sshd -T prints the first spelling of the same value. */
  | 'multistate'
  /** Like multistate, compared case-sensitively (PermitTunnel). */
  | 'exact'
  | 'int'
  /** convtime(): seconds, or `1m30s`. */
  | 'time'
  | 'loglevel'
  /** One word kept as written, sshd -T upper-cases it (SyslogFacility). */
  | 'upper'
  /** One word kept as written. */
  | 'string'
  /** An algorithm list with the `+`, `-` and `^` forms, expanded against the defaults. */
  | 'algorithms'
  | 'maxstartups'
  | 'permituserenvironment'
  /** Every argument of every line accumulates, printed one per line (AllowUsers, AcceptEnv, Port...). */
  | 'accumulate'
  /** The first line wins, all its arguments kept, printed on one line (AuthorizedKeysFile...). */
  | 'firstline'
  /** The first line wins, its arguments printed one per line (SetEnv). */
  | 'firstline-each'
  | 'subsystem'
  /** The first line wins, printed as written. */
  | 'raw';

export interface SshdKeyword {
  /** Spelling of the manual page, for evidence. */
  display: string;
  type: SshdValueType;
  /** Allowed inside Match (SSHCFG_ALL); the others are global only. */
  match: boolean;
  /** multistate/exact: accepted words and the word sshd -T prints for each. */
  states?: Record<string, string>;
  /** algorithms: which supported list applies. */
  algorithms?: 'cipher' | 'mac' | 'kex' | 'key' | 'sig';
  /** Deprecated or unsupported keywords are accepted with a message and ignored. */
  ignored?: 'deprecated' | 'unsupported' | 'silent';
  /** Canonical keyword for an alias. */
  aliasOf?: string;
}

const FLAG = { type: 'flag' } as const;
const yesNo = { yes: 'yes', no: 'no' };
const forwarding = { yes: 'yes', all: 'yes', no: 'no', remote: 'remote', local: 'local' };

const g = (display: string, spec: Partial<SshdKeyword> = FLAG): SshdKeyword => ({
  display,
  type: 'flag',
  match: false,
  ...spec,
});
const a = (display: string, spec: Partial<SshdKeyword> = FLAG): SshdKeyword => ({
  ...g(display, spec),
  match: true,
});

export const SSHD_KEYWORDS: Record<string, SshdKeyword> = {
  usepam: g('UsePAM'),
  port: g('Port', { type: 'accumulate' }),
  hostkey: g('HostKey', { type: 'accumulate' }),
  hostdsakey: g('HostKey', { type: 'accumulate', aliasOf: 'hostkey' }),
  hostkeyagent: g('HostKeyAgent', { type: 'string' }),
  pidfile: g('PidFile', { type: 'string' }),
  modulifile: g('ModuliFile', { type: 'string' }),
  logingracetime: g('LoginGraceTime', { type: 'time' }),
  permitrootlogin: a('PermitRootLogin', {
    type: 'multistate',
    states: {
      'without-password': 'without-password',
      'prohibit-password': 'without-password',
      'forced-commands-only': 'forced-commands-only',
      yes: 'yes',
      no: 'no',
    },
  }),
  syslogfacility: g('SyslogFacility', { type: 'upper' }),
  loglevel: a('LogLevel', { type: 'loglevel' }),
  logverbose: a('LogVerbose', { type: 'firstline' }),
  hostbasedauthentication: a('HostbasedAuthentication'),
  hostbasedusesnamefrompacketonly: a('HostbasedUsesNameFromPacketOnly'),
  hostbasedacceptedalgorithms: a('HostbasedAcceptedAlgorithms', { type: 'algorithms', algorithms: 'key' }),
  hostbasedacceptedkeytypes: a('HostbasedAcceptedAlgorithms', {
    type: 'algorithms',
    algorithms: 'key',
    aliasOf: 'hostbasedacceptedalgorithms',
  }),
  hostkeyalgorithms: g('HostKeyAlgorithms', { type: 'algorithms', algorithms: 'key' }),
  pubkeyauthentication: a('PubkeyAuthentication'),
  dsaauthentication: g('PubkeyAuthentication', { aliasOf: 'pubkeyauthentication' }),
  pubkeyacceptedalgorithms: a('PubkeyAcceptedAlgorithms', { type: 'algorithms', algorithms: 'key' }),
  pubkeyacceptedkeytypes: a('PubkeyAcceptedAlgorithms', {
    type: 'algorithms',
    algorithms: 'key',
    aliasOf: 'pubkeyacceptedalgorithms',
  }),
  pubkeyauthoptions: a('PubkeyAuthOptions', { type: 'raw' }),
  kerberosauthentication: a('KerberosAuthentication'),
  kerberosorlocalpasswd: g('KerberosOrLocalPasswd'),
  kerberosticketcleanup: g('KerberosTicketCleanup'),
  gssapiauthentication: a('GSSAPIAuthentication'),
  gssapicleanupcredentials: g('GSSAPICleanupCredentials'),
  gssapistrictacceptorcheck: g('GSSAPIStrictAcceptorCheck'),
  gssapikeyexchange: g('GSSAPIKeyExchange'),
  gssapistorecredentialsonrekey: g('GSSAPIStoreCredentialsOnRekey'),
  gssapikexalgorithms: g('GSSAPIKexAlgorithms', { type: 'raw' }),
  passwordauthentication: a('PasswordAuthentication'),
  kbdinteractiveauthentication: a('KbdInteractiveAuthentication'),
  challengeresponseauthentication: a('KbdInteractiveAuthentication', {
    aliasOf: 'kbdinteractiveauthentication',
  }),
  skeyauthentication: a('KbdInteractiveAuthentication', { aliasOf: 'kbdinteractiveauthentication' }),
  listenaddress: g('ListenAddress', { type: 'accumulate' }),
  addressfamily: g('AddressFamily', {
    type: 'multistate',
    states: { inet: 'inet', inet6: 'inet6', any: 'any' },
  }),
  printmotd: g('PrintMotd'),
  printlastlog: g('PrintLastLog'),
  ignorerhosts: a('IgnoreRhosts', {
    type: 'multistate',
    states: { yes: 'yes', no: 'no', 'shosts-only': 'shosts-only' },
  }),
  ignoreuserknownhosts: g('IgnoreUserKnownHosts'),
  x11forwarding: a('X11Forwarding'),
  x11displayoffset: a('X11DisplayOffset', { type: 'int' }),
  x11uselocalhost: a('X11UseLocalhost'),
  xauthlocation: g('XAuthLocation', { type: 'string' }),
  strictmodes: g('StrictModes'),
  permitemptypasswords: a('PermitEmptyPasswords'),
  permituserenvironment: g('PermitUserEnvironment', { type: 'permituserenvironment' }),
  compression: g('Compression', { type: 'multistate', states: { yes: 'yes', delayed: 'yes', no: 'no' } }),
  rekeylimit: a('RekeyLimit', { type: 'raw' }),
  tcpkeepalive: g('TCPKeepAlive'),
  keepalive: g('TCPKeepAlive', { aliasOf: 'tcpkeepalive' }),
  allowtcpforwarding: a('AllowTcpForwarding', { type: 'multistate', states: forwarding }),
  allowstreamlocalforwarding: a('AllowStreamLocalForwarding', { type: 'multistate', states: forwarding }),
  allowagentforwarding: a('AllowAgentForwarding'),
  allowusers: a('AllowUsers', { type: 'accumulate' }),
  denyusers: a('DenyUsers', { type: 'accumulate' }),
  allowgroups: a('AllowGroups', { type: 'accumulate' }),
  denygroups: a('DenyGroups', { type: 'accumulate' }),
  ciphers: g('Ciphers', { type: 'algorithms', algorithms: 'cipher' }),
  macs: g('MACs', { type: 'algorithms', algorithms: 'mac' }),
  kexalgorithms: g('KexAlgorithms', { type: 'algorithms', algorithms: 'kex' }),
  casignaturealgorithms: a('CASignatureAlgorithms', { type: 'algorithms', algorithms: 'sig' }),
  gatewayports: a('GatewayPorts', {
    type: 'multistate',
    states: { clientspecified: 'clientspecified', ...yesNo },
  }),
  subsystem: g('Subsystem', { type: 'subsystem' }),
  maxstartups: g('MaxStartups', { type: 'maxstartups' }),
  persourcemaxstartups: g('PerSourceMaxStartups', { type: 'raw' }),
  persourcenetblocksize: g('PerSourceNetBlockSize', { type: 'raw' }),
  maxauthtries: a('MaxAuthTries', { type: 'int' }),
  maxsessions: a('MaxSessions', { type: 'int' }),
  banner: a('Banner', { type: 'string' }),
  usedns: g('UseDNS'),
  clientaliveinterval: a('ClientAliveInterval', { type: 'time' }),
  clientalivecountmax: a('ClientAliveCountMax', { type: 'int' }),
  authorizedkeysfile: a('AuthorizedKeysFile', { type: 'firstline' }),
  acceptenv: a('AcceptEnv', { type: 'accumulate' }),
  setenv: a('SetEnv', { type: 'firstline-each' }),
  permittunnel: a('PermitTunnel', {
    type: 'exact',
    states: { no: 'no', 'point-to-point': 'point-to-point', ethernet: 'ethernet', yes: 'yes' },
  }),
  permittty: a('PermitTTY'),
  permituserrc: a('PermitUserRC'),
  permitopen: a('PermitOpen', { type: 'firstline' }),
  permitlisten: a('PermitListen', { type: 'firstline' }),
  forcecommand: a('ForceCommand', { type: 'raw' }),
  chrootdirectory: a('ChrootDirectory', { type: 'string' }),
  hostcertificate: g('HostCertificate', { type: 'accumulate' }),
  revokedkeys: a('RevokedKeys', { type: 'string' }),
  trustedusercakeys: a('TrustedUserCAKeys', { type: 'string' }),
  authorizedprincipalsfile: a('AuthorizedPrincipalsFile', { type: 'string' }),
  ipqos: a('IPQoS', { type: 'raw' }),
  authorizedkeyscommand: a('AuthorizedKeysCommand', { type: 'raw' }),
  authorizedkeyscommanduser: a('AuthorizedKeysCommandUser', { type: 'string' }),
  authorizedprincipalscommand: a('AuthorizedPrincipalsCommand', { type: 'raw' }),
  authorizedprincipalscommanduser: a('AuthorizedPrincipalsCommandUser', { type: 'string' }),
  versionaddendum: g('VersionAddendum', { type: 'raw' }),
  authenticationmethods: a('AuthenticationMethods', { type: 'firstline' }),
  streamlocalbindmask: a('StreamLocalBindMask', { type: 'raw' }),
  streamlocalbindunlink: a('StreamLocalBindUnlink'),
  fingerprinthash: g('FingerprintHash', { type: 'upper' }),
  disableforwarding: a('DisableForwarding'),
  exposeauthinfo: a('ExposeAuthInfo'),
  rdomain: a('RDomain', { type: 'string' }),
  securitykeyprovider: g('SecurityKeyProvider', { type: 'string' }),
  requiredrsasize: a('RequiredRSASize', { type: 'int' }),
  channeltimeout: a('ChannelTimeout', { type: 'firstline' }),
  unusedconnectiontimeout: a('UnusedConnectionTimeout', { type: 'raw' }),
  debianbanner: g('DebianBanner'),
  protocol: g('Protocol', { type: 'raw', ignored: 'silent' }),
  pamauthenticationviakbdint: g('PAMAuthenticationViaKbdInt', { type: 'raw', ignored: 'deprecated' }),
  serverkeybits: g('ServerKeyBits', { type: 'raw', ignored: 'deprecated' }),
  keyregenerationinterval: g('KeyRegenerationInterval', { type: 'raw', ignored: 'deprecated' }),
  rhostsauthentication: g('RhostsAuthentication', { type: 'raw', ignored: 'deprecated' }),
  rhostsrsaauthentication: a('RhostsRSAAuthentication', { type: 'raw', ignored: 'deprecated' }),
  rsaauthentication: a('RSAAuthentication', { type: 'raw', ignored: 'deprecated' }),
  checkmail: g('CheckMail', { type: 'raw', ignored: 'deprecated' }),
  uselogin: g('UseLogin', { type: 'raw', ignored: 'deprecated' }),
  verifyreversemapping: g('VerifyReverseMapping', { type: 'raw', ignored: 'deprecated' }),
  reversemappingcheck: g('ReverseMappingCheck', { type: 'raw', ignored: 'deprecated' }),
  authorizedkeysfile2: a('AuthorizedKeysFile2', { type: 'raw', ignored: 'deprecated' }),
  useprivilegeseparation: g('UsePrivilegeSeparation', { type: 'raw', ignored: 'deprecated' }),
  kerberosgetafstoken: g('KerberosGetAFSToken', { type: 'raw', ignored: 'unsupported' }),
  kerberostgtpassing: g('KerberosTgtPassing', { type: 'raw', ignored: 'unsupported' }),
  afstokenpassing: g('AFSTokenPassing', { type: 'raw', ignored: 'unsupported' }),
  gssapiusesessioncredcache: g('GSSAPIUseSessionCredCache', { type: 'raw', ignored: 'unsupported' }),
};

/** Keywords a rule may name: the canonical ones, as `sshd -T` prints them. */
export const SSHD_RULE_KEYS = Object.keys(SSHD_KEYWORDS).filter(
  (k) => !SSHD_KEYWORDS[k].aliasOf && !SSHD_KEYWORDS[k].ignored,
);

export const SSHD_LOG_LEVELS: Record<string, string> = {
  quiet: 'QUIET',
  fatal: 'FATAL',
  error: 'ERROR',
  info: 'INFO',
  verbose: 'VERBOSE',
  debug: 'DEBUG',
  debug1: 'DEBUG',
  debug2: 'DEBUG2',
  debug3: 'DEBUG3',
};

/** A table lookup that never returns what Object.prototype carries (`constructor`...). */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
