import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HousekeepingJob, HousekeepingResult } from '@vigie/contracts';
import { ApiKey, AuditEvent, RefreshToken, User } from '@vigie/database';
import {
  Brackets,
  DataSource,
  type EntityTarget,
  LessThan,
  type ObjectLiteral,
  type WhereExpressionBuilder,
} from 'typeorm';

const BATCH_SIZE = 500;
const DAY_MS = 24 * 3600 * 1000;
/** Revoked sessions are kept a week for investigation; dead API keys three months, with their audit trail forever. */
export const REVOKED_TOKEN_RETENTION_MS = 7 * DAY_MS;
export const DEAD_API_KEY_RETENTION_MS = 90 * DAY_MS;

@Injectable()
export class HousekeepingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(job: HousekeepingJob, now = new Date()): Promise<HousekeepingResult> {
    const started = performance.now();
    const tokenCutoff = new Date(now.getTime() - REVOKED_TOKEN_RETENTION_MS);
    const keyCutoff = new Date(now.getTime() - DEAD_API_KEY_RETENTION_MS);

    const refreshTokensDeleted = await this.deleteInBatches(RefreshToken, 't', (qb) =>
      qb.where('t.expiresAt < :now', { now }).orWhere('t.revokedAt < :tokenCutoff', { tokenCutoff }),
    );
    const apiKeysPurged = await this.deleteInBatches(ApiKey, 'k', (qb) =>
      qb.where('k.revokedAt < :keyCutoff', { keyCutoff }).orWhere('k.expiresAt < :keyCutoff', { keyCutoff }),
    );
    const unlocked = await this.dataSource
      .getRepository(User)
      .update({ lockedUntil: LessThan(now) }, { lockedUntil: null, failedLoginCount: 0 });
    const loginLocksCleared = unlocked.affected ?? 0;

    const result = {
      refreshTokensDeleted,
      apiKeysPurged,
      loginLocksCleared,
      durationMs: Math.round(performance.now() - started),
    };
    if (job.trigger === 'manual' || refreshTokensDeleted + apiKeysPurged + loginLocksCleared > 0) {
      await this.dataSource.getRepository(AuditEvent).save(
        Object.assign(new AuditEvent(), {
          actorType: job.requestedBy ? 'user' : 'system',
          actorId: job.requestedBy ?? null,
          actorLabel: job.requestedBy ? null : 'worker',
          action: 'maintenance.housekeeping',
          resourceType: 'maintenance',
          resourceId: null,
          regionCode: null,
          establishmentId: null,
          changes: {
            refreshTokensDeleted: { to: refreshTokensDeleted },
            apiKeysPurged: { to: apiKeysPurged },
            loginLocksCleared: { to: loginLocksCleared },
          },
          requestId: null,
          ip: null,
        }),
        { reload: false },
      );
    }
    return result;
  }

  /** Deletes by id batches, so a large purge never holds a long write lock (SQLite has a single writer). */
  private async deleteInBatches<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    alias: string,
    where: (qb: WhereExpressionBuilder) => unknown,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(entity)
        .createQueryBuilder(alias)
        .select(`${alias}.id`, 'id')
        .where(new Brackets((qb) => void where(qb)))
        .limit(BATCH_SIZE)
        .getRawMany<{ id: string }>();
      if (rows.length === 0) return total;
      const result = await this.dataSource.getRepository(entity).delete(rows.map((r) => r.id));
      total += result.affected ?? rows.length;
      if (rows.length < BATCH_SIZE) return total;
    }
  }
}
