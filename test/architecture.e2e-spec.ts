import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Lints one line of source as if it were the given file of the repository; resolves to ESLint's messages. */
function lintAs(filePath: string, source: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [eslintBin, '--stdin', '--stdin-filename', filePath], {
      cwd: root,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(output));
    child.stdin.end(source);
  });
}

const FRAMEWORK_IMPORT =
  "import { Injectable } from '@nestjs/common';\nimport { DataSource } from 'typeorm';\nexport const used = [Injectable, DataSource];\n";
const PURE_LIBS = [
  'common',
  'contracts',
  'scoring',
  'security-plan',
  'scan-checks',
  'config-audit',
  'net-guard',
];

// The rules are not about a database: the PostgreSQL pass leaves them out.
const describeOnce = process.env.VIGIE_DATABASE_TESTS_ONLY === '1' ? describe.skip : describe;

describeOnce('the boundaries ESLint keeps', () => {
  it.each(PURE_LIBS)('refuses framework imports in libs/%s', async (lib) => {
    const messages = await lintAs(`libs/${lib}/src/boundary-probe.ts`, FRAMEWORK_IMPORT);
    expect(messages).toMatch(
      /'@nestjs\/common' import is restricted|pure libraries stay free of the framework/,
    );
    expect(messages).toMatch(/'typeorm' import is restricted/);
  });

  it('lets framework-bound libs and the apps import the framework', async () => {
    expect(await lintAs('libs/database/src/boundary-probe.ts', FRAMEWORK_IMPORT)).toBe('');
    expect(await lintAs('apps/api/src/boundary-probe.ts', FRAMEWORK_IMPORT)).toBe('');
  });

  it('keeps the worker out of the API, libs out of apps, and the audits out of the network checks', async () => {
    const api = "import { AppModule } from '../../api/src/app.module';\nexport const used = AppModule;\n";
    expect(await lintAs('apps/worker/src/boundary-probe.ts', api)).toMatch(
      /the worker never imports the API/,
    );
    const app =
      "import { AppModule } from '../../../apps/api/src/app.module';\nexport const used = AppModule;\n";
    expect(await lintAs('libs/database/src/boundary-probe.ts', app)).toMatch(/libs never import apps/);
    const checks =
      "import { CHECKS_VERSION } from '@vigie/scan-checks';\nexport const used = CHECKS_VERSION;\n";
    expect(await lintAs('libs/config-audit/src/boundary-probe.ts', checks)).toMatch(
      /the configuration audits never depend on the network checks/,
    );
  });
});
