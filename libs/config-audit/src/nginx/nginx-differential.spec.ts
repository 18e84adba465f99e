import { describeWithTools } from '@vigie/testing';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { readNginxConfig } from './nginx-config';

/**
 * Differential tests against the installed nginx (Debian 12: 1.22.1): `nginx -T` shows which files it read and
 * what they hold, `nginx -t` which configurations it refuses, and a running nginx which headers and bodies each
 * location really serves, the ground truth for our parsing (quotes, escapes) and inheritance (add_header).
 */
const NGINX = '/usr/sbin/nginx';
const run = promisify(execFile);

const FIXTURE = join(__dirname, '..', 'fixtures', 'nginx', 'site');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Copies the fixture with its ports filled in; returns the uploaded files by name relative to the folder. */
function materialise(dir: string, ports: Record<string, number>): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (from: string) => {
    for (const name of readdirSync(from)) {
      const source = join(from, name);
      const target = join(dir, relative(FIXTURE, source));
      if (statSync(source).isDirectory()) {
        mkdirSync(target, { recursive: true });
        walk(source);
        continue;
      }
      const text = readFileSync(source, 'utf8').replace(/@(PORT\d)@/g, (_, p: string) => String(ports[p]));
      writeFileSync(target, text);
      files[relative(FIXTURE, source)] = text;
    }
  };
  walk(FIXTURE);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  return files;
}

/** `nginx -T` output as [file path, content] in the order nginx read them. */
function parseDump(stdout: string): [string, string][] {
  const parts = stdout.split(/^# configuration file (.+):\n/m).slice(1);
  const files: [string, string][] = [];
  for (let i = 0; i < parts.length; i += 2) files.push([parts[i], parts[i + 1].replace(/\n$/, '')]);
  return files;
}

function get(port: number, path: string): Promise<{ headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ headers: res.headers as Record<string, string>, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${stderr()}`);
}

describeWithTools(['nginx'], 'nginx parsing and inheritance against the real nginx', () => {
  let work: string;
  let ports: Record<string, number>;
  let files: Record<string, string>;
  let nginx: ChildProcess | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vigie-nginx-'));
    ports = { PORT1: await freePort(), PORT2: await freePort() };
    files = materialise(join(work, 'site'), ports);
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('reads the same files, in the same order and with the same content, as nginx -T', async () => {
    const dir = join(work, 'site');
    const { stdout } = await run(NGINX, [
      '-T',
      '-p',
      `${dir}/`,
      '-c',
      join(dir, 'nginx.conf'),
      '-e',
      'stderr',
    ]);
    const dumped = parseDump(stdout);
    const config = readNginxConfig(files, 'nginx.conf');
    expect(config.warnings).toEqual([]);
    expect(config.files).toEqual(dumped.map(([path]) => relative(dir, path)));
    expect(config.files).not.toContain('conf.d/README');
    for (const [path, content] of dumped) expect(files[relative(dir, path)]).toBe(content);
  });

  it('predicts the headers, Server header and body that nginx serves in every location', async () => {
    const dir = join(work, 'site');
    let stderr = '';
    nginx = spawn(
      NGINX,
      [
        '-p',
        `${dir}/`,
        '-c',
        join(dir, 'nginx.conf'),
        '-e',
        'stderr',
        '-g',
        'daemon off; master_process off;',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    nginx.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitForPort(ports.PORT1, nginx, () => stderr);
    await waitForPort(ports.PORT2, nginx, () => stderr);

    const config = readNginxConfig(files, 'nginx.conf');
    const items = config.items('location', {});
    const headerNames = new Set(
      items.flatMap(
        (item) => item.lookup('add_header')?.occurrences.map((o) => o.args[0].toLowerCase()) ?? [],
      ),
    );
    expect(headerNames.size).toBeGreaterThanOrEqual(7);
    let checked = 0;
    for (const item of items) {
      const location = /location « (=? ?)(\/[^»]*?) »/.exec(item.label.split(' › ').pop()!);
      if (!location) continue;
      const path = location[1] ? location[2] : `${location[2]}x`;
      const port = item.lookup('listen')!.occurrences[0].text.endsWith(String(ports.PORT1))
        ? ports.PORT1
        : ports.PORT2;
      const response = await get(port, path);
      const expected = Object.fromEntries(
        item.lookup('add_header')!.occurrences.map((o) => [o.args[0].toLowerCase(), o.args[1]]),
      );
      const served = Object.fromEntries(
        Object.entries(response.headers).filter(([name]) => headerNames.has(name)),
      );
      expect({ path, headers: served }).toEqual({ path, headers: expected });
      const tokens = item.lookup('server_tokens')!.occurrences[0].text;
      expect({ path, server: response.headers.server }).toEqual({
        path,
        server: tokens === 'off' ? 'nginx' : expect.stringMatching(/^nginx\/\d/),
      });
      expect({ path, body: response.body }).toEqual({
        path,
        body: item.lookup('return')!.occurrences[0].args[1],
      });
      checked++;
    }
    expect(checked).toBe(7);
  });

  const PRELUDE =
    'pid nginx.pid;\nevents {}\nhttp {\n    client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi; uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;\n';
  it.each([
    ['a closing brace too many', `${PRELUDE}}\n}\n`],
    ['a block never closed', `${PRELUDE}server {\n    listen 127.0.0.1:1;\n}\n`],
    ['a quote never closed', `${PRELUDE}add_header X-A "b;\n}\n`],
    ['a missing semicolon before }', `${PRELUDE}server_tokens off\n}\n`],
    ['a simple directive opening a block', `${PRELUDE}autoindex on {\n}\n}\n`],
    ['a duplicate single-value directive', `${PRELUDE}server_tokens off;\n\n server_tokens on;\n}\n`],
    ['a duplicate directive from an included file', `${PRELUDE}server_tokens off;\ninclude dup.inc;\n}\n`],
    ['a location outside a server', `${PRELUDE}location / {\n}\n}\n`],
    ['listen outside a server', `${PRELUDE}listen 80;\n}\n`],
    ['a wrong number of arguments', `${PRELUDE}add_header X-Only;\n}\n`],
    ['a flag that is neither on nor off', `${PRELUDE}autoindex maybe;\n}\n`],
    [
      'a nested location outside its parent',
      `${PRELUDE}server {\n  location /a {\n    location /b { }\n  }\n}\n}\n`,
    ],
    [
      'a named location nested in another',
      `${PRELUDE}server {\n  location /a {\n    location @b { }\n  }\n}\n}\n`,
    ],
    ['a stray semicolon', `${PRELUDE}\n;\n}\n`],
    ['a second http block', `${PRELUDE}}\nhttp {\n}\n`],
  ])('refuses %s with nginx’s message and line', async (_what, text) => {
    const dir = mkdtempSync(join(work, 'bad-'));
    mkdirSync(join(dir, 'tmp'));
    writeFileSync(join(dir, 'nginx.conf'), text);
    writeFileSync(join(dir, 'dup.inc'), '# included\nserver_tokens on;\n');
    const failure = await run(NGINX, [
      '-t',
      '-p',
      `${dir}/`,
      '-c',
      join(dir, 'nginx.conf'),
      '-e',
      'stderr',
    ]).then(
      () => undefined,
      (error: { stderr: string }) => error.stderr,
    );
    const emerg = /\[emerg\] \d+#\d+: (.+) in (\S+):(\d+)$/m.exec(failure ?? '');
    expect(emerg).not.toBeNull();
    const config = readNginxConfig(
      { 'nginx.conf': text, 'dup.inc': readFileSync(join(dir, 'dup.inc'), 'utf8') },
      'nginx.conf',
    );
    const errors = config.warnings.filter((w) => w.level === 'error');
    expect(errors).toHaveLength(1);
    expect({ file: errors[0].file, line: errors[0].line, message: errors[0].message }).toEqual({
      file: relative(dir, emerg![2]),
      line: Number(emerg![3]),
      message: `${emerg![1]} (nginx refuse cette configuration)`,
    });
  });
});
