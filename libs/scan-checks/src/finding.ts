/** Shared with the configuration audits (@vigie/config-audit), which must not depend on the network checks. */
export { type CheckFinding, SEVERITIES, type Severity } from '@vigie/common';

/** Stored with every result, so an old finding can always be explained. */
export const CHECKS_VERSION = '1.0.0';
