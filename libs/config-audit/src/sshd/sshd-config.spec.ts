import { readSshdConfig } from './sshd-config';
import { assembleAlgorithms } from './sshd-algorithms';
import { convtime, splitArgs, splitSshdLine } from './sshd-lexer';

const values = (config: ReturnType<typeof readSshdConfig>, key: string, connection = {}) =>
  config
    .items('connection', connection)[0]
    .lookup(key)
    ?.occurrences.map((o) => o.text);

describe('sshd_config reading', () => {
  it('splits lines the way sshd does: "=", quotes, escapes, trailing comments', () => {
    expect(splitSshdLine('  Banner = "/etc/issue net"  # legal')).toMatchObject({
      keyword: 'Banner',
      args: ['/etc/issue net'],
    });
    expect(splitSshdLine('# PermitRootLogin yes')).toBeUndefined();
    expect(splitSshdLine('X11Forwarding')).toEqual({ error: expect.stringContaining('aucun argument') });
    expect(splitArgs('a\\ b "c d" \'e\' f#g #h')).toEqual(['a b', 'c d', 'e', 'f#g']);
    expect(splitArgs('"open')).toBeUndefined();
    expect([convtime('90'), convtime('1m30s'), convtime('2H'), convtime('1w'), convtime('5x')]).toEqual([
      90,
      90,
      7200,
      604800,
      undefined,
    ]);
  });

  it('resolves relative Include paths from /etc/ssh against the upload names, in glob order', () => {
    const config = readSshdConfig(
      {
        sshd_config: 'Include sshd_config.d/*.conf\nPermitRootLogin yes\n',
        'sshd_config.d/20-b.conf': 'PermitRootLogin prohibit-password\nMaxAuthTries 5\n',
        'sshd_config.d/10-a.conf': 'PermitRootLogin no\n',
        'sshd_config.d/.swap.conf': 'MaxAuthTries 1\n',
      },
      'sshd_config',
    );
    expect(config.files).toEqual(['sshd_config', 'sshd_config.d/10-a.conf', 'sshd_config.d/20-b.conf']);
    expect(config.items('connection', {})[0].lookup('permitrootlogin')).toEqual({
      display: 'PermitRootLogin',
      occurrences: [{ text: 'no', args: ['no'], source: { file: 'sshd_config.d/10-a.conf', line: 1 } }],
    });
    expect(values(config, 'maxauthtries')).toEqual(['5']);
    expect(config.warnings).toEqual([]);
  });

  it('warns about an Include whose files were not uploaded, and stops an Include loop', () => {
    const config = readSshdConfig(
      {
        sshd_config: 'Include /etc/ssh/missing.conf\nInclude loop.conf\n',
        'loop.conf': 'Include loop.conf\n',
      },
      'sshd_config',
    );
    expect(config.warnings.map((w) => [w.level, w.line, w.file])).toEqual([
      ['warning', 1, 'sshd_config'],
      ['error', 1, 'loop.conf'],
    ]);
    expect(config.warnings[0].message).toContain('/etc/ssh/missing.conf');
  });

  it('applies Match blocks per connection: user, group, host (case-insensitive), address with negation', () => {
    const config = readSshdConfig(
      {
        sshd_config: [
          'PasswordAuthentication no',
          'Match Group admins',
          '  PasswordAuthentication yes',
          'Match Host *.CHU.fr Address 10.0.0.0/8,!10.9.0.0/16',
          '  MaxAuthTries 2',
        ].join('\n'),
      },
      'sshd_config',
    );
    expect(values(config, 'passwordauthentication', { user: 'a', groups: ['staff', 'admins'] })).toEqual([
      'yes',
    ]);
    expect(values(config, 'passwordauthentication', { user: 'a', groups: ['staff'] })).toEqual(['no']);
    expect(values(config, 'passwordauthentication', { groups: ['admins'] })).toEqual(['no']);
    expect(values(config, 'maxauthtries', { host: 'pacs.chu.FR', addr: '10.1.2.3' })).toEqual(['2']);
    expect(values(config, 'maxauthtries', { host: 'pacs.chu.fr', addr: '10.9.2.3' })).toEqual(['6']);
  });

  it('evaluates every Match block on its own for every_match rules, with labels naming the block', () => {
    const config = readSshdConfig(
      {
        sshd_config:
          'PermitRootLogin no\nMatch User backup\n  PermitRootLogin yes\nMatch all\n  MaxSessions 2\n',
      },
      'sshd_config',
    );
    const items = config.items('every_match', { user: 'root' });
    expect(items.map((i) => i.label)).toEqual([
      'connexion (utilisateur « root »)',
      'bloc « Match User backup » (sshd_config:2)',
    ]);
    expect(items.map((i) => i.lookup('permitrootlogin')?.occurrences[0].text)).toEqual(['no', 'yes']);
    expect(items.map((i) => i.lookup('maxsessions')?.occurrences[0].text)).toEqual(['2', '2']);
  });

  it('expands algorithm lists like kex_assemble_names()', () => {
    expect(assembleAlgorithms('cipher', '+3des-cbc').slice(-2)).toEqual([
      'aes256-gcm@openssh.com',
      '3des-cbc',
    ]);
    expect(assembleAlgorithms('cipher', '-aes*')).toEqual(['chacha20-poly1305@openssh.com']);
    expect(assembleAlgorithms('kex', '^curve25519-sha256')[0]).toBe('curve25519-sha256');
    expect(assembleAlgorithms('key', 'ssh-ed25519*')).toEqual([
      'ssh-ed25519',
      'ssh-ed25519-cert-v01@openssh.com',
    ]);
  });

  it('reports defaults as such, and lists nobody set as empty', () => {
    const config = readSshdConfig({ sshd_config: '# nothing\n' }, 'sshd_config');
    const [item] = config.items('connection', {});
    expect(item.lookup('maxauthtries')).toMatchObject({
      defaultOf: 'OpenSSH 9.2p1, Debian 12',
      occurrences: [{ text: '6' }],
    });
    expect(item.lookup('allowusers')).toEqual({ display: 'AllowUsers', occurrences: [] });
    expect(readSshdConfig({}, 'sshd_config').warnings[0]).toMatchObject({ level: 'error' });
  });
});
