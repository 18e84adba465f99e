import { readNginxConfig } from './nginx-config';
import { NginxLexer } from './nginx-lexer';

const words = (text: string) => {
  const lexer = new NginxLexer(text);
  const out: unknown[] = [];
  for (let t = lexer.next(); t.type !== 'eof' && t.type !== 'error'; t = lexer.next())
    out.push(t.type === 'directive' ? t.words : '}');
  return out;
};

describe('nginx configuration reading', () => {
  it('tokenises like nginx: quotes, escapes, # only at the start of a word, ${var} braces', () => {
    expect(words('add_header X-A "a \\"b\\" ;{}#" always; # comment\nreturn 200 \'x\\ty\';')).toEqual([
      ['add_header', 'X-A', 'a "b" ;{}#', 'always'],
      ['return', '200', 'x\ty'],
    ]);
    expect(words('set $a a#b;\nlocation ~ ^/x${a} {\n}\n')).toEqual([
      ['set', '$a', 'a#b'],
      ['location', '~', '^/x${a}'],
      '}',
    ]);
    expect(new NginxLexer('a "b" c d').next()).toEqual({
      type: 'error',
      message: 'unexpected end of file, expecting ";" or "}"',
      line: 1,
    });
  });

  it('inherits from the nearest block and lets a lower add_header replace the whole inherited list', () => {
    const config = readNginxConfig(
      {
        'nginx.conf': [
          'http {',
          '  add_header A 1;',
          '  add_header B 2;',
          '  ssl_protocols TLSv1.2;',
          '  ssl_protocols TLSv1.3;',
          '  server {',
          '    server_name www.ch.fr;',
          '    allow 10.0.0.0/8;',
          '    deny all;',
          '    location / { }',
          '    location /x/ { add_header C 3; allow 192.168.0.0/16; }',
          '  }',
          '}',
        ].join('\n'),
      },
      'nginx.conf',
    );
    const [root, x] = config.items('location', {});
    expect([root.label, x.label]).toEqual([
      'server « www.ch.fr » (nginx.conf:6) › location « / » (nginx.conf:10)',
      'server « www.ch.fr » (nginx.conf:6) › location « /x/ » (nginx.conf:11)',
    ]);
    expect(root.lookup('add_header')?.occurrences.map((o) => o.text)).toEqual(['A 1', 'B 2']);
    expect(x.lookup('add_header')?.occurrences).toEqual([
      { text: 'C 3', args: ['C', '3'], source: { file: 'nginx.conf', line: 11 } },
    ]);
    // allow and deny are inherited together: a block with its own allow drops the inherited deny.
    expect(root.lookup('deny')?.occurrences.map((o) => o.text)).toEqual(['all']);
    expect(x.lookup('deny')).toBeUndefined();
    // ssl_protocols lines of one level add up, as nginx ORs the bit mask.
    expect(root.lookup('ssl_protocols')?.occurrences.map((o) => o.text)).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(root.lookup('server_tokens')).toMatchObject({
      defaultOf: 'nginx 1.22.1, Debian 12',
      occurrences: [{ text: 'on' }],
    });
  });

  it('lists a server itself only when no "location /" catches every request, and nested locations', () => {
    const config = readNginxConfig(
      { 'nginx.conf': 'http { server { listen 8080; location /a/ { location /a/b/ { } } } }' },
      'nginx.conf',
    );
    expect(config.items('location', {}).map((i) => i.label.replace(/ \(nginx.conf:\d+\)/g, ''))).toEqual([
      'server « écoute 8080 »',
      'server « écoute 8080 » › location « /a/ »',
      'server « écoute 8080 » › location « /a/ » › location « /a/b/ »',
    ]);
    expect(config.items('http', {})).toHaveLength(1);
    expect(config.items('main', {})).toHaveLength(1);
  });

  it('expands include in place, relative to the main file, and warns about files not uploaded', () => {
    const config = readNginxConfig(
      {
        '/srv/nginx/nginx.conf': 'http { include sites/*.conf; include missing.conf; include none/*.conf; }',
        '/srv/nginx/sites/a.conf': 'server { server_name a; }',
      },
      '/srv/nginx/nginx.conf',
    );
    expect(config.files).toEqual(['/srv/nginx/nginx.conf', '/srv/nginx/sites/a.conf']);
    expect(config.items('server', {}).map((i) => i.label)).toEqual([
      'server « a » (/srv/nginx/sites/a.conf:1)',
    ]);
    expect(config.warnings.map((w) => w.level)).toEqual(['error', 'warning']);
    expect(config.warnings[0].message).toContain('/srv/nginx/missing.conf');
  });
});
