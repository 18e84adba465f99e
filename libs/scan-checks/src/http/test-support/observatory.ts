import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Installed as a pinned devDependency (@mdn/mdn-http-observatory 1.4.8) with --ignore-scripts. */
const packageDir = dirname(require.resolve('@mdn/mdn-http-observatory/package.json'));

export interface ObservatoryTest {
  expectation: string;
  result: string;
  pass: boolean;
  scoreModifier: number;
}

export interface ObservatoryReport {
  scan: {
    algorithmVersion: number;
    grade: string;
    score: number;
    testsPassed: number;
    testsQuantity: number;
  };
  tests: Record<string, ObservatoryTest>;
}

/**
 * Its postinstall would download the HSTS preload list; installed without scripts, the scanner needs the file
 * to exist. An empty list is what Vigie uses too (no preload lookup). Never overwrites a real list.
 */
async function ensurePreloadList(): Promise<void> {
  try {
    await writeFile(join(packageDir, 'conf', 'hsts-preload.json'), '{}\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Runs the reference scanner on `127.0.0.1:port` in a child process (it is ESM, Jest runs CommonJS). It is
 * started as `src/scan.js` rather than `bin/wrapper.js` because the wrapper overwrites NODE_EXTRA_CA_CERTS,
 * which is how it is told to trust the test CA. Asynchronous on purpose: the servers it scans live in this
 * process.
 */
export async function observatoryScan(target: string, caPath?: string): Promise<ObservatoryReport> {
  await ensurePreloadList();
  const env = { ...process.env };
  if (caPath) env.NODE_EXTRA_CA_CERTS = caPath;
  else delete env.NODE_EXTRA_CA_CERTS;
  const { stdout } = await run(process.execPath, [join(packageDir, 'src', 'scan.js'), target], {
    env,
    timeout: 60_000,
  });
  const report = JSON.parse(stdout) as ObservatoryReport & { error?: string };
  if (report.error) throw new Error(`Observatory: ${report.error}`);
  return report;
}

/** The reference's score table (result → modifier) and grade for every score from −10 to 150. */
export async function observatoryTables(): Promise<{
  modifiers: Record<string, number>;
  grades: Record<string, string>;
}> {
  const script = `
    const { SCORE_TABLE } = await import(${JSON.stringify(join(packageDir, 'src', 'grader', 'charts.js'))});
    const { getGradeForScore } = await import(${JSON.stringify(join(packageDir, 'src', 'grader', 'grader.js'))});
    const modifiers = Object.fromEntries([...SCORE_TABLE].map(([result, { modifier }]) => [result, modifier]));
    const grades = {};
    for (let score = -10; score <= 150; score++) grades[score] = getGradeForScore(score).grade;
    console.log(JSON.stringify({ modifiers, grades }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000 });
  return JSON.parse(stdout);
}
