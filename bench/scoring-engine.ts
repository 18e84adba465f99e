/**
 * Engine alone: full-plan scorings per second on one core (one Node thread), with the real plan.
 *   npm run bench:engine
 */
import { join } from 'node:path';
import { projectRoot } from '@vigie/config';
import { type Answer, type ObservedFinding, scoreAssessment } from '@vigie/scoring';
import { compareVersions, type Level, loadPlanDirectory } from '@vigie/security-plan';

const plans = loadPlanDirectory(join(projectRoot(), 'config', 'security-plan')).sort((a, b) =>
  compareVersions(a.version, b.version),
);
const plan = plans.at(-1)!;

/** A deterministic pseudo-random generator, so every run scores the same inputs. */
function generator(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function randomAnswers(random: () => number): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const m of plan.measures) {
    const r = random();
    answers[m.id] =
      r < 0.05
        ? { status: 'dont_know' }
        : r < 0.1
          ? { status: 'not_applicable', reason: 'sans objet' }
          : { status: 'level', level: Math.floor(random() * 5) as Level, hasEvidence: random() < 0.5 };
  }
  return answers;
}

const random = generator(42);
const inputs = Array.from({ length: 2000 }, () => randomAnswers(random));
const findings: ObservedFinding[] = [
  { checkId: 'ports.rdp', severity: 'critical', title: 'RDP exposé', target: '203.0.113.7:3389' },
  {
    checkId: 'tls.protocol.legacy',
    severity: 'medium',
    title: 'TLS 1.0 accepté',
    target: 'www.example.fr:443',
  },
];
const profile = { category: 'ch' as const, bedCount: 400, mode: 'full' as const };

// Warm up the JIT before measuring.
for (let i = 0; i < 500; i++)
  scoreAssessment({ plan, profile, answers: inputs[i % inputs.length], findings });

const durationMs = 5000;
const started = performance.now();
let count = 0;
let checksum = 0;
while (performance.now() - started < durationMs) {
  const result = scoreAssessment({ plan, profile, answers: inputs[count % inputs.length], findings });
  checksum += result.overall;
  count++;
}
const elapsed = (performance.now() - started) / 1000;
console.log(
  `plan ${plan.version}: ${plan.measures.length} measures in ${plan.domains.length} domains, full mode, 2 findings`,
);
console.log(`scorings: ${count} in ${elapsed.toFixed(2)} s on one thread`);
console.log(
  `throughput: ${Math.round(count / elapsed)} full-plan scorings per second (${((elapsed * 1e6) / count).toFixed(1)} µs each)`,
);
console.log(`checksum of overall scores: ${checksum.toFixed(2)}`);
