import { join } from 'node:path';
import { projectRoot } from '@vigie/config';
import { auditConfig } from './audit-config';
import type { ConfigKind } from './model';
import { loadRuleDirectory } from './rules/rule-loader';

const rules = loadRuleDirectory(join(projectRoot(), 'config', 'scan-rules'));
const failed = (result: ReturnType<typeof auditConfig>) => result.findings.map((f) => f.ruleId).sort();
const count = (kind: string) => rules.rules.filter((r) => r.kind === kind).length;

const HARDENED_SSHD = `Include /etc/ssh/sshd_config.d/*.conf
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding no
AllowAgentForwarding no
AllowTcpForwarding no
MaxAuthTries 3
LoginGraceTime 30
ClientAliveInterval 300
ClientAliveCountMax 2
LogLevel VERBOSE
Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com
KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256
HostKeyAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256
PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256
Banner /etc/issue.net
AllowGroups ssh-admins
RequiredRSASize 3072
`;

const HARDENED_NGINX = `http {
    server_tokens off;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305;
    ssl_session_tickets off;
    include snippets/headers.conf;
    server {
        listen 80;
        server_name portail.ch-exemple.fr;
        return 301 https://$host$request_uri;
    }
    server {
        listen 443 ssl;
        server_name portail.ch-exemple.fr;
        location / { root /var/www/portail; }
        location /api/ {
            include snippets/headers.conf;
            add_header Cache-Control no-store always;
        }
        location = /nginx_status { stub_status; allow 10.0.0.0/8; deny all; }
    }
}
`;
const HEADERS = `add_header Strict-Transport-Security "max-age=63072000" always;
add_header X-Content-Type-Options nosniff always;
add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
`;

const HARDENED_APACHE = `ServerTokens Prod
ServerSignature Off
TraceEnable Off
Timeout 60
Header always set X-Content-Type-Options nosniff
<Directory /var/www/>
    Options FollowSymLinks
</Directory>
<VirtualHost *:443>
    ServerName portail.ch-exemple.fr
    SSLEngine on
    SSLProtocol -all +TLSv1.2 +TLSv1.3
    SSLCipherSuite ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256
    Header always set Strict-Transport-Security "max-age=63072000"
    <Location /server-status>
        SetHandler server-status
        Require ip 10.0.0.0/8
    </Location>
</VirtualHost>
`;

const secedit = (lines: string[]) =>
  Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(['[Unicode]', 'Unicode=yes', ...lines, ''].join('\r\n'), 'utf16le'),
  ]);
const HARDENED_POLICY = secedit([
  '[System Access]',
  'MinimumPasswordAge = 1',
  'MinimumPasswordLength = 14',
  'PasswordComplexity = 1',
  'PasswordHistorySize = 24',
  'LockoutBadCount = 5',
  'ResetLockoutCount = 30',
  'LockoutDuration = -1',
  'ClearTextPassword = 0',
  'LSAAnonymousNameLookup = 0',
  'EnableGuestAccount = 0',
  '[Registry Values]',
  'MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1',
  'MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel=4,5',
  'MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LimitBlankPasswordUse=4,1',
  'MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymousSAM=4,1',
]);

describe('auditConfig with the published rules', () => {
  it('finds nothing in hardened configurations of every kind, every rule evaluated', () => {
    const cases = [
      auditConfig({
        kind: 'sshd',
        files: { sshd_config: HARDENED_SSHD, 'sshd_config.d/empty.conf': '' },
        entry: 'sshd_config',
        rules,
      }),
      auditConfig({
        kind: 'nginx',
        files: { 'nginx.conf': HARDENED_NGINX, 'snippets/headers.conf': HEADERS },
        entry: 'nginx.conf',
        rules,
      }),
      auditConfig({
        kind: 'apache',
        files: { 'apache2.conf': HARDENED_APACHE },
        entry: 'apache2.conf',
        rules,
      }),
      auditConfig({ kind: 'secedit', files: { 'policy.inf': HARDENED_POLICY }, entry: 'policy.inf', rules }),
    ];
    for (const result of cases) {
      expect({ version: result.rulesVersion, findings: result.findings, warnings: result.warnings }).toEqual({
        version: result.rulesVersion,
        findings: [],
        warnings: [],
      });
      expect(result.results.every((r) => r.status === 'pass')).toBe(true);
    }
    expect(cases.map((c) => c.results.length)).toEqual([
      count('sshd'),
      count('nginx'),
      count('apache'),
      count('secedit'),
    ]);
  });

  it('reports sshd findings on the effective value, with the file and line it came from', () => {
    const result = auditConfig({
      kind: 'sshd',
      files: {
        sshd_config: HARDENED_SSHD.replace('PermitRootLogin no\n', '').replace(
          'PasswordAuthentication no\n',
          '',
        ),
        // A drop-in read first: its values win over the main file's.
        'sshd_config.d/00-vendor.conf':
          'PermitRootLogin yes\nMatch User sauvegarde\n  PasswordAuthentication yes\n',
      },
      entry: 'sshd_config',
      rules,
      target: 'srv-pacs.ch-exemple.fr:/etc/ssh/sshd_config',
    });
    expect(failed(result)).toEqual(['SSHD-001', 'SSHD-002']);
    const [root, password] = result.findings;
    expect(root).toMatchObject({
      checkId: 'config.sshd',
      severity: 'high',
      target: 'srv-pacs.ch-exemple.fr:/etc/ssh/sshd_config',
      title: 'La connexion SSH directe en root est autorisée',
      measures: ['MCS.09'],
    });
    expect(root.evidence).toBe(
      '[SSHD-001] connexion (utilisateur « root ») : PermitRootLogin vaut « yes » (sshd_config.d/00-vendor.conf:1) ; attendu : égal à « no ».',
    );
    // The global value is the default (yes), the Match block confirms it for that user: both are reported.
    expect(password.evidence).toContain(
      'bloc « Match User sauvegarde » (sshd_config.d/00-vendor.conf:2) : PasswordAuthentication vaut « yes » (sshd_config.d/00-vendor.conf:3)',
    );
    expect(password.evidence).toContain('valeur par défaut d’OpenSSH 9.2p1, Debian 12');
    expect(result.rulesVersion).toMatch(/^sshd@1#[0-9a-f]{12}$/);
    const rootResult = result.results.find((r) => r.ruleId === 'SSHD-001')!;
    expect(rootResult.items[0]).toEqual({
      label: 'connexion (utilisateur « root »)',
      status: 'fail',
      observed: [
        {
          key: 'permitrootlogin',
          display: 'PermitRootLogin',
          values: ['yes'],
          sources: ['sshd_config.d/00-vendor.conf:1'],
        },
      ],
    });
  });

  it('catches the nginx add_header trap in the one location that redefines its headers', () => {
    const files = {
      'nginx.conf': HARDENED_NGINX.replace(
        'include snippets/headers.conf;\n            add_header Cache',
        'add_header Cache',
      ),
      'snippets/headers.conf': HEADERS,
    };
    const result = auditConfig({ kind: 'nginx', files, entry: 'nginx.conf', rules });
    expect(failed(result)).toEqual(['NGINX-004', 'NGINX-005', 'NGINX-006']);
    const hsts = result.findings.find((f) => f.ruleId === 'NGINX-004')!;
    expect(hsts.evidence).toBe(
      '[NGINX-004] server « portail.ch-exemple.fr » (nginx.conf:12) › location « /api/ » (nginx.conf:16) : add_header vaut « Cache-Control no-store always » (nginx.conf:17) ; attendu : contenant « Strict-Transport-Security ».',
    );
    expect(result.results.find((r) => r.ruleId === 'NGINX-004')!.items.map((i) => i.status)).toEqual([
      'pass',
      'fail',
      'pass',
    ]);
  });

  it('audits Apache defaults that leave TLS 1.0 on, and a public server-status', () => {
    const files = {
      'apache2.conf': HARDENED_APACHE.replace('    SSLProtocol -all +TLSv1.2 +TLSv1.3\n', '').replace(
        'Require ip 10.0.0.0/8',
        'Require all granted',
      ),
    };
    const result = auditConfig({ kind: 'apache', files, entry: 'apache2.conf', rules });
    expect(failed(result)).toEqual(['APACHE-005', 'APACHE-009']);
    expect(result.findings[0].evidence).toContain(
      'SSLProtocol vaut « TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 » (valeur par défaut d’Apache HTTP Server 2.4.57, Debian 12)',
    );
    expect(result.findings[1].evidence).toContain(
      '<Location /server-status> (apache2.conf:14) : Require vaut « all granted » (apache2.conf:16)',
    );
  });

  it('audits a secedit export and says which rules it cannot decide', () => {
    const result = auditConfig({
      kind: 'secedit',
      files: {
        'gpo.inf': secedit([
          '[System Access]',
          'MinimumPasswordLength = 8',
          'PasswordComplexity = 1',
          'LockoutBadCount = 0',
        ]),
      },
      entry: 'gpo.inf',
      rules,
    });
    expect(failed(result)).toEqual(['WINPWD-001', 'WINPWD-003']);
    expect(result.findings[0].evidence).toBe(
      '[WINPWD-001] stratégie de sécurité exportée : MinimumPasswordLength vaut « 8 » (gpo.inf:4) ; attendu : au moins 12.',
    );
    const lockout = result.results.find((r) => r.ruleId === 'WINPWD-004')!;
    expect(lockout).toMatchObject({
      status: 'not_applicable',
      reason: 'la valeur nécessaire n’est ni dans les fichiers fournis ni connue par défaut',
    });
    expect(result.results.filter((r) => r.status === 'pass').map((r) => r.ruleId)).toEqual(['WINPWD-002']);
  });

  it('makes every rule not applicable when the main file is missing, with an error warning', () => {
    const result = auditConfig({
      kind: 'nginx',
      files: { 'other.conf': 'x;' },
      entry: 'nginx.conf',
      rules: rules.rules,
    });
    expect(result.findings).toEqual([]);
    expect(new Set(result.results.map((r) => r.reason))).toEqual(
      new Set(['le fichier principal n’a pas été fourni']),
    );
    expect(result.warnings).toEqual([
      { level: 'error', message: 'Le fichier principal « nginx.conf » n’a pas été fourni.' },
    ]);
  });

  it('never throws on malformed uploads: every rule still gets a result', () => {
    // A fixed-seed generator: the same garbage on every run.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      '{',
      '}',
      ';',
      '"',
      "'",
      '\\',
      '#',
      '=',
      '\n',
      ' ',
      'Match',
      'User',
      'Include',
      '*',
      '[z-a]',
      'server',
      'location',
      '<VirtualHost',
      '</Directory>',
      '[System Access]',
      'Port',
      'ssl_protocols',
      'Options',
      '+Indexes',
      '10.0.0.0/33',
      '$',
      '${',
      'x',
    ];
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: 40 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      for (const kind of ['sshd', 'nginx', 'apache', 'secedit'] as const) {
        const result = auditConfig({ kind, files: { main: text, 'main.d/x': text }, entry: 'main', rules });
        expect(result.results).toHaveLength(count(kind));
      }
    }
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(
      auditConfig({ kind: 'secedit', files: { 'p.inf': binary }, entry: 'p.inf', rules }).results,
    ).toHaveLength(count('secedit'));
  });

  it('stops include explosions after a bounded number of file reads', () => {
    const fanOut = (line: string) => Array.from({ length: 6 }, () => line).join('\n');
    const cases: { kind: ConfigKind; files: Record<string, string>; entry: string }[] = [
      {
        kind: 'sshd',
        files: { sshd_config: fanOut('Include /etc/ssh/*'), x: fanOut('Include /etc/ssh/*') },
        entry: 'sshd_config',
      },
      {
        kind: 'nginx',
        files: { 'nginx.conf': fanOut('include /etc/nginx/*;'), x: fanOut('include /etc/nginx/*;') },
        entry: 'nginx.conf',
      },
      {
        kind: 'apache',
        files: { 'apache2.conf': fanOut('Include /etc/apache2/*'), x: fanOut('Include /etc/apache2/*') },
        entry: 'apache2.conf',
      },
    ];
    for (const input of cases) {
      const result = auditConfig({ ...input, rules });
      expect(result.warnings.map((w) => w.message)).toContain(
        'plus de 256 lectures de fichiers (inclusions en boucle ?) : la suite n’a pas été lue.',
      );
      expect(result.results).toHaveLength(count(input.kind));
    }
  });
});
