'use strict';
// Installs the locked npm dependencies when node_modules is missing or was installed from another lock file.
const { execSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
// What the last install was made from: file times lie after a checkout, a hash of the lock file does not.
const installedFrom = join(root, 'node_modules', '.vigie-installed-lock.sha256');

function lockHash() {
  return createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
}

function ensureDependencies(log = console.log) {
  const wanted = lockHash();
  if (existsSync(installedFrom) && readFileSync(installedFrom, 'utf8').trim() === wanted) return false;
  log('Installing npm dependencies (first run takes a few minutes: native modules are built)...');
  // `npm ci`: exactly what the lock file says, and the lock file is never rewritten (a fresh clone stays clean).
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  writeFileSync(installedFrom, `${wanted}\n`);
  return true;
}

module.exports = { ensureDependencies, root };
