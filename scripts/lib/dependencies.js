'use strict';
// Installs npm dependencies when node_modules is missing or older than package.json / package-lock.json.
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
  // `npm install`, not `npm ci`: the lock file pins every version, and npm ci refuses lock files that lack
  // optional packages of other platforms, which some registries do not serve.
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  return true;
}

module.exports = { ensureDependencies, root };
