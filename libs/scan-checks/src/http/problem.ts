import { SEVERITIES, type Severity } from '../finding';

/** One thing wrong, gathered with others into a single finding per check and target. */
export interface Problem {
  severity: Severity;
  text: string;
  /** The fix, when problems of one finding need different ones. */
  remedy?: string;
}

/** A finding is as severe as its worst problem. */
export function worstSeverity(problems: Problem[]): Severity {
  return SEVERITIES[Math.min(...problems.map((p) => SEVERITIES.indexOf(p.severity)))];
}
