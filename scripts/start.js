#!/usr/bin/env node
'use strict';
/**
 * `npm start`: installs what is missing, builds, and runs the API and the worker with demo data on SQLite,
 * with a private Redis unless REDIS_URL is set. Ctrl-C stops everything cleanly.
 */
const { spawn, execSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureDependencies, root } = require('./lib/dependencies');
const { startRedis, freePort } = require('./lib/redis-server');

const log = (message) => console.log(`[vigie] ${message}`);
const started = Date.now();
const children = [];
let redis;
let stopping = false;

async function portFree(port) {
  const net = require('node:net');
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

async function choosePort(variable, preferred) {
  if (process.env[variable]) return Number(process.env[variable]);
  if (await portFree(preferred)) return preferred;
  const port = await freePort();
  log(`Port ${preferred} is busy: using ${port} for ${variable}`);
  return port;
}

function run(name, env) {
  const child = spawn(process.execPath, [join(root, 'dist', 'apps', name, 'apps', name, 'src', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Own process group: Ctrl-C reaches this script only, which then stops the children in order.
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `[vigie] The ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}): stopping everything.`,
      );
      void stop(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function waitForHealth(url, what, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (stopping) throw new Error('stopped');
    if (Date.now() > deadline)
      throw new Error(`${what} did not become healthy at ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function jobRoundTrip(apiUrl, admin) {
  const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = await login.json();
  const auth = { Authorization: `Bearer ${accessToken}` };
  const queued = await (
    await fetch(`${apiUrl}/api/v1/jobs/housekeeping`, { method: 'POST', headers: auth })
  ).json();
  const deadline = Date.now() + 30000;
  for (;;) {
    const status = await (await fetch(`${apiUrl}${queued.statusUrl}`, { headers: auth })).json();
    if (status.state === 'completed') return status;
    if (status.state === 'failed') throw new Error(`housekeeping job failed: ${status.failedReason}`);
    if (Date.now() > deadline) throw new Error(`housekeeping job still ${status.state} after 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log('Stopping the worker and the API...');
  const worker = children.find((c) => c.name === 'worker');
  const others = children.filter((c) => c.name !== 'worker');
  // The worker first, so it drains its jobs while the API and Redis are still there.
  for (const group of [worker ? [worker] : [], others]) {
    await Promise.all(
      group.map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 35000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
  redis?.stop();
  log('Stopped.');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  ensureDependencies(log);
  log('Building the API and the worker...');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });

  const env = { ...process.env };
  if (!env.REDIS_URL) {
    redis = await startRedis({ log });
    env.REDIS_URL = redis.url;
    log(`Started a private Redis at ${redis.url} (set REDIS_URL to use your own)`);
  }
  env.PORT = String(await choosePort('PORT', 3000));
  env.WORKER_HEALTH_PORT = String(await choosePort('WORKER_HEALTH_PORT', 3001));
  env.DEMO_DATA ??= 'true';
  env.ADMIN_EMAIL ??= 'admin@vigie.local';
  env.ADMIN_PASSWORD ??= 'demo-admin-2026';
  const apiUrl = `http://localhost:${env.PORT}`;

  run('api', env);
  await waitForHealth(`${apiUrl}/api/health`, 'The API');
  run('worker', env);
  await waitForHealth(`http://127.0.0.1:${env.WORKER_HEALTH_PORT}/health`, 'The worker');
  const job = await jobRoundTrip(apiUrl, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });

  const { DEMO_USERS } = require(
    join(root, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'seed', 'demo-data.js'),
  );
  const users = [
    { role: 'national_admin', email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
    ...(env.DEMO_DATA === 'true' ? DEMO_USERS : []),
  ];
  const width = Math.max(...users.map((u) => u.email.length));
  console.log(
    [
      '',
      '──────────────────────────────────────────────────────────────────────',
      ` Vigie is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      '',
      ` API            ${apiUrl}/api/v1`,
      ` API docs       ${apiUrl}/api/docs   (OpenAPI JSON: ${apiUrl}/api/docs-json)`,
      ` Health         ${apiUrl}/api/health`,
      ` Queues         ${apiUrl}/api/admin/queues   (sign in as the administrator)`,
      ` Worker health  http://127.0.0.1:${env.WORKER_HEALTH_PORT}/health`,
      ` Database       ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${env.DATA_DIR ?? './data'}`}`,
      '',
      ' Sign in (POST /api/v1/auth/login):',
      ...users.map((u) => `   ${u.role.padEnd(20)} ${u.email.padEnd(width)}  ${u.password}`),
      '',
      ` Job round trip: housekeeping job ${job.id} completed by the worker`,
      ' Press Ctrl-C to stop.',
      '──────────────────────────────────────────────────────────────────────',
      '',
    ].join('\n'),
  );
}

process.on('exit', () => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
  redis?.stop();
});

main().catch((error) => {
  console.error(`[vigie] ${error.message}`);
  void stop(1);
});
