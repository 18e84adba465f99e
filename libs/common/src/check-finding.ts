export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One observed fact, in French for the people who read it, with the measures of the plan it bears on. */
export interface CheckFinding {
  checkId: string;
  severity: Severity;
  /** host:port, domain or file the finding is about. */
  target: string;
  title: string;
  /**
   * Distinguishes two findings of one check on one target (`TLSv1.0` and `TLSv1.1`); the title is used when
   * absent. Must not change between scans for the same fact, so it never holds dates or counters.
   */
  key?: string;
  evidence: string;
  remediation: string;
}
