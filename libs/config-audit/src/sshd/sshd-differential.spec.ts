import { describeWithTools } from '@vigie/testing';
import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SshdConnection } from '../model';
import { loadRuleDirectory } from '../rules/rule-loader';
import { SSHD_RULE_KEYS } from './sshd-keywords';
import { readSshdConfig } from './sshd-config';

/**
 * Differential tests: our effective sshd configuration against `sshd -T` of the installed openssh-server
 * (Debian 12: OpenSSH 9.2p1), for every fixture and every connection below.
 */
const SSHD = '/usr/sbin/sshd';
const run = promisify(execFile);

const FIXTURES = join(__dirname, '..', 'fixtures', 'sshd');
const RULES = join(__dirname, '..', '..', '..', '..', 'config', 'scan-rules');

/** Connections as `-C` specs, with the groups sshd reads from /etc/group for the users that exist on Debian. */
const CONNECTIONS: { spec?: string; connection: SshdConnection }[] = [
  { connection: {} },
  {
    spec: 'user=root,host=srv.interne.chu.fr,addr=10.1.2.3,lport=22',
    connection: { user: 'root', groups: ['root'], host: 'srv.interne.chu.fr', addr: '10.1.2.3', lport: 22 },
  },
  {
    spec: 'user=backup,host=a.example.org,addr=10.66.1.1,lport=22',
    connection: { user: 'backup', groups: ['backup'], host: 'a.example.org', addr: '10.66.1.1', lport: 22 },
  },
  {
    spec: 'user=alice,host=B.Interne.CHU.fr,addr=192.168.1.20,lport=2222',
    connection: { user: 'alice', host: 'B.Interne.CHU.fr', addr: '192.168.1.20', lport: 2222 },
  },
  { spec: 'user=deploy,addr=10.2.2.2,lport=22', connection: { user: 'deploy', addr: '10.2.2.2', lport: 22 } },
  { spec: 'user=bob,addr=2001:db8::5,lport=22', connection: { user: 'bob', addr: '2001:db8::5', lport: 22 } },
  { spec: 'user=legacy,lport=22', connection: { user: 'legacy', lport: 22 } },
];

/** Keys whose printed form depends on the machine rather than on the file. */
const NOT_COMPARED = ['hostkey', 'listenaddress'];

function parseDump(text: string): Record<string, string[]> {
  const dump: Record<string, string[]> = {};
  for (const line of text.trim().split('\n')) {
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    if (NOT_COMPARED.includes(key)) continue;
    (dump[key] ??= []).push(line.slice(space + 1));
  }
  return dump;
}

/** Copies a fixture folder to a temporary one, with @DIR@ replaced by its path; returns the uploaded files. */
function materialise(fixture: string, dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const source = join(from, name);
      const target = join(to, name);
      if (statSync(source).isDirectory()) walk(source, target);
      else {
        const text = readFileSync(source, 'utf8').replaceAll('@DIR@', dir);
        writeFileSync(target, text);
        files[target] = text;
      }
    }
  };
  walk(join(FIXTURES, fixture), dir);
  return files;
}

describeWithTools(
  ['sshd', 'ssh-keygen'],
  'sshd effective configuration against sshd -T (openssh-server)',
  () => {
    let work: string;
    let hostKey: string;
    const ruleKeys = loadRuleDirectory(RULES)
      .rules.filter((r) => r.kind === 'sshd')
      .flatMap((r) => r.tests.map((t) => t.key));

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'vigie-sshd-'));
      hostKey = join(work, 'host_ed25519');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
      // sshd -T refuses to run without its privilege separation directory, which only the service start creates.
      if (!existsSync('/run/sshd')) {
        if (process.getuid?.() !== 0)
          throw new Error('sshd -T needs /run/sshd: run `mkdir -p /run/sshd` as root first');
        mkdirSync('/run/sshd', { recursive: true });
      }
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    const fixtures = readdirSync(FIXTURES).sort();

    it.each(fixtures)('%s: every value sshd -T prints, for every connection', async (fixture) => {
      const dir = join(work, fixture);
      const files = materialise(fixture, dir);
      const config = readSshdConfig(files, join(dir, 'sshd_config'));
      expect(config.warnings.filter((w) => w.level === 'error')).toEqual([]);
      let compared = 0;
      let skipped = 0;
      for (const { spec, connection } of CONNECTIONS) {
        const args = ['-T', '-f', join(dir, 'sshd_config'), '-h', hostKey, ...(spec ? ['-C', spec] : [])];
        const dumped = await run(SSHD, args).catch((error: { stderr: string }) => {
          // sshd -T cannot evaluate `Match LocalPort` without an lport in the connection spec.
          if (error.stderr.includes('not in connection test specification')) return undefined;
          throw error;
        });
        if (!dumped) {
          skipped++;
          continue;
        }
        compared++;
        const reference = parseDump(dumped.stdout);
        const [item] = config.items('connection', connection);
        const ours: Record<string, string[]> = {};
        for (const key of new Set([
          ...Object.keys(reference),
          ...SSHD_RULE_KEYS.filter((k) => !NOT_COMPARED.includes(k)),
        ])) {
          const values = item.lookup(key)?.occurrences.map((o) => o.text) ?? [];
          if (values.length > 0 || key in reference) ours[key] = values;
        }
        // Compared as whole objects so that a failure shows every differing keyword with the connection.
        expect({ spec, ...ours }).toEqual({ spec, ...reference });
      }
      expect(compared).toBeGreaterThanOrEqual(CONNECTIONS.length - 1);
      expect(skipped).toBeLessThanOrEqual(1);
      // Every keyword a rule reads was part of the comparison.
      for (const key of ruleKeys) expect(SSHD_RULE_KEYS).toContain(key);
    });

    it.each([
      ['an unknown keyword', 'PermitRootLogin no\nPermitRootLogn yes\n', 2],
      ['a global-only keyword inside Match', 'Match User bob\n  Ciphers aes128-ctr\n', 2],
      ['an invalid value', 'X11Forwarding maybe\n', 1],
      ['a case-sensitive value in the wrong case', 'PermitTunnel YES\n', 1],
      ['a Match criterion sshd does not know', 'Match Uzer bob\n  X11Forwarding no\n', 1],
      ['a network with host bits set', 'Match Address 10.1.1.1/8\n  X11Forwarding no\n', 1],
      ['extra arguments', 'MaxAuthTries 3 4\n', 1],
      ['an unterminated quote', 'Banner "/etc/issue.net\n', 1],
    ])('rejects %s on the line sshd reports', async (_what, text, line) => {
      const file = join(work, `rejected-${line}-${text.length}.conf`);
      writeFileSync(file, text);
      const failure = await run(SSHD, ['-T', '-f', file, '-h', hostKey]).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(255);
      expect(failure?.stderr).toMatch(new RegExp(`line ${line}\\b`));
      const config = readSshdConfig({ [file]: text }, file);
      const errors = config.warnings.filter((w) => w.level === 'error');
      expect(errors.map((e) => e.line)).toEqual([line]);
      expect(errors[0].message).toMatch(/sshd refuse/);
    });
  },
);
