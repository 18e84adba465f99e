import type { CheckFinding } from '../finding';
import { diffFindings, fingerprintOf } from './finding-identity';
import { planAssetTasks } from './plan-tasks';
import { CheckTimeoutError, PermanentCheckError, runCheck } from './run-check';
import { firstScheduledScan, nextScheduledScan } from './schedule';

const finding = (checkId: string, target: string, key?: string): CheckFinding => ({
  checkId,
  severity: 'high',
  target,
  title: `Titre ${checkId}`,
  evidence: 'Vu le 23/11/2026',
  remediation: 'Corriger',
  ...(key ? { key } : {}),
});

describe('finding identity and the comparison with the previous scan', () => {
  it('ignores evidence and severity, and tells findings of one check apart by their key', () => {
    const a = finding('tls.protocol.legacy', 'portail.ch.fr:443', 'TLSv1');
    expect(fingerprintOf({ ...a, evidence: 'autre', severity: 'low' } as CheckFinding)).toBe(
      fingerprintOf(a),
    );
    expect(fingerprintOf({ ...a, key: 'TLSv1.1' })).not.toBe(fingerprintOf(a));
    expect(fingerprintOf({ ...a, key: undefined })).not.toBe(fingerprintOf(a));
  });

  it('opens, keeps, resolves, and reopens a resolved finding', () => {
    const rdp = finding('ports.rdp', 'h:3389');
    const tls = finding('tls.protocol.legacy', 'h:443', 'TLSv1');
    const old = finding('http.hsts', 'h');
    const known = [
      { fingerprint: fingerprintOf(tls), status: 'open' as const, family: 'tls' },
      { fingerprint: fingerprintOf(old), status: 'open' as const, family: 'http' },
      { fingerprint: fingerprintOf(rdp), status: 'resolved' as const, family: 'ports' },
    ];
    const diff = diffFindings(known, [rdp, tls], new Set(['ports', 'tls', 'http']));
    expect(diff.opened.map((o) => o.finding)).toEqual([rdp]);
    expect(diff.persisting.map((o) => o.finding)).toEqual([tls]);
    expect(diff.resolved).toEqual([fingerprintOf(old)]);
  });

  it('resolves nothing for a family that did not complete', () => {
    const tls = finding('tls.protocol.legacy', 'h:443', 'TLSv1');
    const known = [{ fingerprint: fingerprintOf(tls), status: 'open' as const, family: 'tls' }];
    expect(diffFindings(known, [], new Set(['ports'])).resolved).toEqual([]);
    expect(diffFindings(known, [], new Set(['tls'])).resolved).toEqual([fingerprintOf(tls)]);
  });

  it('counts a fact reported twice in one scan once', () => {
    const rdp = finding('ports.rdp', 'h:3389');
    expect(diffFindings([], [rdp, { ...rdp }], new Set(['ports'])).opened).toHaveLength(1);
  });
});

describe('check families per asset', () => {
  it('plans DNS for a domain, exposure, TLS and HTTP for hosts and addresses, TLS and HTTP for a URL', () => {
    expect(planAssetTasks('domain', 'ch.fr')).toEqual([
      { family: 'dns', target: 'ch.fr' },
      { family: 'ports', target: 'ch.fr' },
      { family: 'tls', target: 'ch.fr:443' },
      { family: 'http', target: 'ch.fr' },
    ]);
    expect(planAssetTasks('ipv6', '2001:db8::1')).toEqual([
      { family: 'ports', target: '2001:db8::1' },
      { family: 'tls', target: '[2001:db8::1]:443' },
      { family: 'http', target: '[2001:db8::1]' },
    ]);
    expect(planAssetTasks('url', 'https://rdv.ch.fr:8443/prise-de-rdv')).toEqual([
      { family: 'tls', target: 'rdv.ch.fr:8443' },
      { family: 'http', target: 'https://rdv.ch.fr:8443' },
    ]);
    expect(planAssetTasks('url', 'http://intranet.ch.fr/')).toEqual([
      { family: 'http', target: 'http://intranet.ch.fr' },
    ]);
  });
});

describe('running one check', () => {
  const quick = { timeoutMs: 200, attempts: 3, backoffMs: 1 };

  it('retries a transient failure and reports the attempts it took', async () => {
    let calls = 0;
    const outcome = await runCheck(async () => {
      if (++calls < 3) throw new Error('ECONNRESET');
      return 'ok';
    }, quick);
    expect(outcome).toMatchObject({ ok: true, value: 'ok', attempts: 3 });
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    const outcome = await runCheck(async () => {
      calls++;
      throw new PermanentCheckError('10.0.0.1 is a private address');
    }, quick);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, error: '10.0.0.1 is a private address' });
    expect(calls).toBe(1);
  });

  it('gives up at the deadline and tells the check to stop through its signal', async () => {
    const signals: AbortSignal[] = [];
    const outcome = await runCheck(
      (signal) => {
        signals.push(signal);
        return new Promise(() => undefined);
      },
      { ...quick, attempts: 2 },
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 2, error: new CheckTimeoutError(200).message });
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });
});

describe('the weekly schedule', () => {
  const verified = new Date('2026-11-23T08:00:00Z');

  it('puts a first scan within the interval, at the same place for the same asset', () => {
    const first = firstScheduledScan('8f0e0a51-1c1e-4f55-9a0b-2f1d3c4b5a69', verified, 7);
    expect(first.getTime()).toBeGreaterThanOrEqual(verified.getTime());
    expect(first.getTime()).toBeLessThan(verified.getTime() + 7 * 86_400_000);
    expect(firstScheduledScan('8f0e0a51-1c1e-4f55-9a0b-2f1d3c4b5a69', verified, 7)).toEqual(first);
  });

  it('spreads assets verified together over the whole week', () => {
    const days = new Set(
      Array.from({ length: 500 }, (_, i) =>
        Math.floor(
          (firstScheduledScan(`asset-${i}`, verified, 7).getTime() - verified.getTime()) / 86_400_000,
        ),
      ),
    );
    expect([...days].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('comes due again one interval after a scan', () => {
    expect(nextScheduledScan(verified, 7)).toEqual(new Date('2026-11-30T08:00:00Z'));
  });
});
