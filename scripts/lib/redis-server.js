'use strict';
// Starts a private redis-server for `npm start` and `npm test` when REDIS_URL is not set.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync, existsSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

function findRedisServer() {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  return CANDIDATES.find((path) => existsSync(path));
}

/** Installs Debian's redis-server when we are root; otherwise says exactly what to do. */
function ensureRedisServer(log) {
  let binary = findRedisServer();
  if (binary) return binary;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      'redis-server is not installed. Install it (Debian/Ubuntu: "sudo apt-get install -y redis-server") ' +
        'or point REDIS_URL at a Redis you already run, e.g. REDIS_URL=redis://127.0.0.1:6379.',
    );
  }
  log('redis-server is missing: installing Debian package redis-server (apt-get)...');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  binary = findRedisServer();
  if (!binary) throw new Error('redis-server was installed but cannot be found on PATH');
  return binary;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawns redis-server on a free loopback port, without persistence; resolves once it accepts connections. */
async function startRedis({ log = console.log, port: wantedPort } = {}) {
  const binary = ensureRedisServer(log);
  const port = wantedPort ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'vigie-redis-'));
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await new Promise((resolve, reject) => {
    const deadline = Date.now() + 10000;
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`redis-server exited: ${output.trim()}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.write('PING\r\n');
        socket.once('data', (data) => {
          socket.destroy();
          if (String(data).startsWith('+PONG')) resolve();
          else setTimeout(attempt, 50);
        });
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`redis-server did not start on port ${port}: ${output.trim()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid, child, stop };
}

module.exports = { startRedis, findRedisServer, freePort };
