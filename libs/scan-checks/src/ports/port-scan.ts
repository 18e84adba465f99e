import { isIP } from 'node:net';
import type { CheckFinding } from '../finding';
import { exposureFinding } from './exposure-findings';
import { type PortProbe, type ProbeSettings, probeService } from './port-probe';
import { RISKY_PORTS, type RiskyPort } from './risky-ports';

export interface ScanTarget {
  /** An IP address already cleared by the network guard; names are refused, so nothing is resolved here. */
  address: string;
  /** Host name the findings are named after (their target); the address when absent. */
  label?: string;
}

export interface TargetScan {
  address: string;
  label: string;
  /** One finding per open risky port, sorted by target. */
  findings: CheckFinding[];
  /** Every port probed and its state, sorted by port: the raw material to compare with another scanner. */
  probes: PortProbe[];
  /** False when a probe failed on our side (out of descriptors...): a missing finding then proves nothing. */
  complete: boolean;
}

export interface PortScanOptions extends ProbeSettings {
  ports?: RiskyPort[];
  /** Connections in flight across all targets (default 256: no gain above about 200 was measured on loopback). */
  concurrency?: number;
  /** Connections in flight to one target (default 16), so one address cannot take every slot. */
  perTarget?: number;
  /** Stops starting probes and rejects with the signal's reason; probes in flight end by their own timeouts. */
  signal?: AbortSignal;
}

interface TargetState {
  target: ScanTarget;
  next: number;
  inFlight: number;
  queued: boolean;
  results: { risky: RiskyPort; probe: PortProbe }[];
}

/**
 * The scheduler: starts probes while fewer than `limit` are in flight, taking addresses in turn from a queue of
 * those below `perTarget`, until every port of every address is probed (or the signal aborts).
 */
function probeAll(states: TargetState[], ports: RiskyPort[], options: PortScanOptions): Promise<void> {
  const limit = Math.max(1, options.concurrency ?? 256);
  const perTarget = Math.max(1, options.perTarget ?? 16);
  const { signal } = options;
  return new Promise<void>((resolve, reject) => {
    const abort = () => reject(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    // `head` walks the queue instead of shifting it, which would be O(n) per probe.
    let ready = [...states];
    let head = 0;
    let inFlight = 0;
    let remaining = states.length * ports.length;
    if (remaining === 0) return done();
    const settle = (state: TargetState, risky: RiskyPort, probe: PortProbe) => {
      state.results.push({ risky, probe });
      state.inFlight--;
      inFlight--;
      if (!state.queued && state.next < ports.length) {
        state.queued = true;
        ready.push(state);
      }
      if (--remaining === 0) done();
      else pump();
    };
    const pump = () => {
      while (inFlight < limit && head < ready.length && !signal?.aborted) {
        const state = ready[head++];
        const risky = ports[state.next++];
        state.inFlight++;
        inFlight++;
        if (state.next < ports.length && state.inFlight < perTarget) ready.push(state);
        else state.queued = false;
        probeService(state.target.address, risky.port, risky.confirm, options).then(
          (probe) => settle(state, risky, probe),
          () => settle(state, risky, { port: risky.port, state: 'error', confirmed: false }),
        );
      }
      if (head > 1024 && head * 2 > ready.length) {
        ready = ready.slice(head);
        head = 0;
      }
    };
    pump();
  });
}

/**
 * Probes the risky ports of many addresses at once through one scheduler: at most `concurrency` connections in
 * flight, at most `perTarget` per address, addresses served in turn so a large establishment cannot starve the
 * others. Closed ports cost one refused connect and no wait; only open ports with a confirmation get a short
 * dialogue. Results come back in the order of `targets`.
 */
export async function scanPorts(targets: ScanTarget[], options: PortScanOptions = {}): Promise<TargetScan[]> {
  for (const { address } of targets)
    if (isIP(address) === 0)
      throw new Error(`"${address}" is not an IP address: resolve and check it with the network guard first`);
  options.signal?.throwIfAborted();
  const ports = options.ports ?? RISKY_PORTS;
  const states: TargetState[] = targets.map((target) => ({
    target,
    next: 0,
    inFlight: 0,
    queued: true,
    results: [],
  }));
  await probeAll(states, ports, options);
  return states.map(({ target, results }) => {
    const label = target.label ?? target.address;
    const context = { address: target.address, label, mllpProbe: options.mllpProbe };
    const findings = results
      .filter(({ probe }) => probe.state === 'open')
      .map(({ risky, probe }) => exposureFinding(risky, probe, context))
      .sort((a, b) => a.target.localeCompare(b.target, 'en', { numeric: true }));
    const probes = results.map(({ probe }) => probe).sort((a, b) => a.port - b.port);
    const complete = probes.every((probe) => probe.state !== 'error');
    return { address: target.address, label, findings, probes, complete };
  });
}

/** Without every port probed, a port missing from the findings could be open: the caller must try again. */
export function assertComplete(scan: TargetScan): void {
  if (scan.complete) return;
  const failed = scan.probes.filter((p) => p.state === 'error').map((p) => `${p.port} (${p.code})`);
  throw new Error(`ports of ${scan.address} not all probed, local failure on ${failed.join(', ')}`);
}
