import { spawnSync } from 'node:child_process';

/** Debian package that provides each tool the TLS tests run. */
const PACKAGES: Record<string, string> = { openssl: 'openssl', sslscan: 'sslscan' };

export function hasTool(tool: string): boolean {
  const probe = spawnSync(tool, tool === 'openssl' ? ['version'] : ['--version'], { stdio: 'ignore' });
  return !probe.error;
}

/**
 * `describe` when every tool is installed; otherwise a skipped block whose name says what to install. CI installs
 * them, so there the tests always run.
 */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  const missing = tools.filter((tool) => !hasTool(tool));
  if (!missing.length) {
    describe(name, body);
    return;
  }
  const install = missing.map((tool) => PACKAGES[tool] ?? tool).join(' ');
  describe.skip(`${name} [skipped: ${missing.join(', ')} not found; apt-get install ${install}]`, body);
}
