import { DomainError, ErrorCode } from '@vigie/common';
import {
  assertScanTransition,
  finalScanStatus,
  isFinalScanStatus,
  SCAN_STATUSES,
  SCAN_TASK_STATUSES,
  scanStatesLeadingTo,
  taskStatesLeadingTo,
} from './scan-states';

describe('the scan state machine', () => {
  it('lets a scan run, finish or fail, and never leave a final state', () => {
    expect(scanStatesLeadingTo('running')).toEqual(['queued', 'running']);
    expect(scanStatesLeadingTo('completed')).toEqual(['running']);
    expect(scanStatesLeadingTo('failed')).toEqual(['queued', 'running']);
    expect(scanStatesLeadingTo('queued')).toEqual([]);
    expect(SCAN_STATUSES.filter(isFinalScanStatus)).toEqual(['completed', 'failed']);
  });

  it('refuses an illegal move with a domain error', () => {
    expect(() => assertScanTransition('queued', 'running')).not.toThrow();
    for (const [from, to] of [
      ['completed', 'running'],
      ['failed', 'completed'],
      ['queued', 'completed'],
    ] as const) {
      let error: unknown;
      try {
        assertScanTransition(from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.ScanTransitionRefused);
      expect((error as DomainError).message).toBe(`A ${from} scan cannot become ${to}`);
    }
  });

  it('moves a task only from pending or running, and ends it in one of five outcomes', () => {
    expect(taskStatesLeadingTo('running')).toEqual(['pending', 'running']);
    for (const outcome of ['completed', 'skipped', 'unreachable', 'failed'] as const)
      expect(taskStatesLeadingTo(outcome)).toEqual(['running']);
    for (const final of ['completed', 'skipped', 'unreachable', 'failed'] as const)
      for (const to of SCAN_TASK_STATUSES) expect(taskStatesLeadingTo(to)).not.toContain(final);
  });

  it('completes a scan whose tasks ran, fails it only when every task failed', () => {
    expect(finalScanStatus([{ status: 'failed' }, { status: 'unreachable' }])).toBe('completed');
    expect(finalScanStatus([{ status: 'failed' }, { status: 'failed' }])).toBe('failed');
    expect(finalScanStatus([])).toBe('completed');
  });
});
