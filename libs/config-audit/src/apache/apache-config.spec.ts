import { readApacheConfig } from './apache-config';
import { applyOptions, enabledProtocols } from './apache-directives';
import { splitApacheArgs } from './apache-parser';

const APACHE2_CONF = `# Debian layout
ServerRoot "/etc/apache2"
Timeout 300
Include ports.conf
<Directory />
\tOptions FollowSymLinks
\tAllowOverride None
</Directory>
<Directory /var/www/>
\tOptions Indexes \\
\t        FollowSymLinks
</Directory>
IncludeOptional conf-enabled/*.conf
IncludeOptional sites-enabled/*.conf
`;

const files = {
  'apache2.conf': APACHE2_CONF,
  'ports.conf': 'Listen 80\n<IfModule ssl_module>\n\tListen 443\n</IfModule>\n',
  'conf-enabled/security.conf':
    'ServerTokens Prod\nServerSignature On\nTraceEnable Off\n<IfModule !mod_headers.c>\nTraceEnable On\n</IfModule>\n',
  'sites-enabled/default-ssl.conf': `<VirtualHost *:443>
\tServerName portail.ch-exemple.fr
\tSSLEngine on
\tSSLProtocol all -SSLv3 -TLSv1
\tServerSignature Off
\tHeader always set Strict-Transport-Security "max-age=31536000"
\t<Directory /var/www/html>
\t\tOptions -FollowSymLinks
\t</Directory>
\t<Location /server-status>
\t\tSetHandler server-status
\t\tRequire all granted
\t</Location>
</VirtualHost>
`,
};

describe('Apache httpd configuration reading', () => {
  const config = readApacheConfig(files, 'apache2.conf');

  it('follows Include and IncludeOptional from ServerRoot, reads continuations, assumes modules present', () => {
    expect(config.warnings).toEqual([]);
    expect(config.files).toEqual([
      'apache2.conf',
      'ports.conf',
      'conf-enabled/security.conf',
      'sites-enabled/default-ssl.conf',
    ]);
    const [main] = config.items('server', {});
    expect(main.lookup('listen')?.occurrences.map((o) => o.text)).toEqual(['80', '443']);
    // The negated IfModule is skipped: TraceEnable stays Off.
    expect(main.lookup('traceenable')?.occurrences).toEqual([
      { text: 'Off', args: ['Off'], source: { file: 'conf-enabled/security.conf', line: 3 } },
    ]);
  });

  it('lets a virtual host override the server config and keeps Header lines of every level', () => {
    const [vhost] = config.items('virtualhost', {});
    expect(vhost.label).toBe(
      'VirtualHost « *:443 » (portail.ch-exemple.fr) (sites-enabled/default-ssl.conf:1)',
    );
    expect(vhost.lookup('serversignature')?.occurrences[0].text).toBe('Off');
    expect(vhost.lookup('servertokens')?.occurrences[0].text).toBe('Prod');
    expect(vhost.lookup('sslprotocol')?.occurrences[0].args).toEqual(['TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(vhost.lookup('timeout')?.occurrences[0].text).toBe('300');
  });

  it('merges Options along Directory sections ordered by path, with +/-', () => {
    const dirs = config.items('directory', {});
    const html = dirs.find((d) => d.label.includes('/var/www/html'))!;
    // /var/www/ enables Indexes; /var/www/html only removes FollowSymLinks, so Indexes is inherited.
    expect(html.lookup('options')?.occurrences[0]).toMatchObject({ args: ['Indexes'], source: { line: 8 } });
    const status = dirs.find((d) => d.label.includes('/server-status'))!;
    expect(status.lookup('require')?.occurrences[0].text).toBe('all granted');
    expect(
      dirs.find((d) => d.label.endsWith('<Directory /> (apache2.conf:5)'))?.lookup('options')?.occurrences[0]
        .text,
    ).toBe('FollowSymLinks');
  });

  it('implements the Options and SSLProtocol rules of Apache 2.4', () => {
    expect(applyOptions(['FollowSymLinks'], ['+Indexes', '-FollowSymLinks'])).toEqual(['Indexes']);
    expect(applyOptions(['Indexes'], ['All'])).toContain('Indexes');
    expect(applyOptions([], ['+Indexes', 'FollowSymLinks'])).toBeUndefined();
    expect(enabledProtocols(['all', '-SSLv3'])).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(enabledProtocols(['-all', '+TLSv1.2', '+tlsv1.3'])).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(enabledProtocols(['TLSv1.2'])).toEqual(['TLSv1.2']);
    expect(splitApacheArgs(`always set X-A "a \\"b\\"" 'c d'`)).toEqual([
      'always',
      'set',
      'X-A',
      'a "b"',
      'c d',
    ]);
  });

  it('reports sections that are never closed or closed twice', () => {
    const broken = readApacheConfig({ 'apache2.conf': '<VirtualHost *:80>\n</Directory>\n' }, 'apache2.conf');
    expect(broken.warnings.map((w) => [w.level, w.line])).toEqual([
      ['error', 2],
      ['error', 1],
    ]);
  });
});
