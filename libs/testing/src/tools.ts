import { spawnSync } from 'node:child_process';

/** The Debian package of each tool the tests use as a real peer. */
const PACKAGES: Record<string, string> = {
  openssl: 'openssl',
  sslscan: 'sslscan',
  sshd: 'openssh-server',
  'ssh-keygen': 'openssh-client',
  nginx: 'nginx-light',
  storescp: 'dcmtk',
  dcmqrscp: 'dcmtk',
  nmap: 'nmap',
};

/** On PATH, or in /usr/sbin (sshd and nginx live there, and a user's PATH often lacks it). */
export function hasTool(tool: string): boolean {
  return (
    spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`], { stdio: 'ignore' }).status ===
    0
  );
}

/**
 * `describe` when every tool is installed. Otherwise the block is skipped with what to install, so `npm test`
 * works on a machine without them; in CI (`VIGIE_REQUIRE_TOOLS=1`, set by .ci/run, which installs them) a
 * missing tool fails the run instead of silently skipping its tests.
 */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  const missing = tools.filter((tool) => !hasTool(tool));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const install = [...new Set(missing.map((tool) => PACKAGES[tool] ?? tool))].join(' ');
  if (process.env.VIGIE_REQUIRE_TOOLS === '1') {
    describe(name, () =>
      it('has the tools it compares with', () => {
        throw new Error(`${missing.join(', ')} not found: apt-get install ${install}`);
      }),
    );
    return;
  }
  describe.skip(`${name} [skipped: ${missing.join(', ')} not found; apt-get install ${install}]`, body);
}
