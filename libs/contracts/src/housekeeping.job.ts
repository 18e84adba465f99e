import { Equals, IsIn, IsOptional, IsUUID } from 'class-validator';

export const HOUSEKEEPING_TRIGGERS = ['schedule', 'manual', 'startup'] as const;

/** Purges what has expired: refresh tokens, long-dead API keys, lapsed login locks. */
export class HousekeepingJob {
  /** Payload shape version: a worker may accept older versions while they drain. */
  @Equals(1)
  version!: 1;

  @IsIn(HOUSEKEEPING_TRIGGERS)
  trigger!: (typeof HOUSEKEEPING_TRIGGERS)[number];

  /** The user who asked for a manual run, for the audit trail. */
  @IsOptional()
  @IsUUID()
  requestedBy?: string;
}

export interface HousekeepingResult {
  refreshTokensDeleted: number;
  /** Keys revoked or expired for more than the retention period. */
  apiKeysPurged: number;
  loginLocksCleared: number;
  durationMs: number;
}
