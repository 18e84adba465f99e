'use strict';
// Installs the locked npm dependencies when node_modules is missing or older than package.json / package-lock.json.
const { execSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function ensureDependencies(log = console.log) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const stale =
    !existsSync(marker) ||
    mtime(marker) < Math.max(mtime(join(root, 'package.json')), mtime(join(root, 'package-lock.json')));
  if (!stale) return false;
  log('Installing npm dependencies (first run takes a few minutes: native modules are built)...');
  // `npm ci`: exactly what the lock file says, and the lock file is never rewritten (a fresh clone stays clean).
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  return true;
}

module.exports = { ensureDependencies, root };
