import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { User } from '@vigie/database';
import { currentRequestContext } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { regionCodesOfUser } from '../audit/user-regions';
import { LoginThrottleService } from './login-throttle.service';
import { PrincipalCache, userSubject } from './principal-cache.service';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { type IssuedTokens, TokenService } from './token.service';

const invalidCredentials = () =>
  new DomainError(ErrorCode.AuthInvalidCredentials, 'Invalid e-mail or password');
const invalidRefresh = () =>
  new DomainError(ErrorCode.AuthInvalidRefreshToken, 'Invalid or expired refresh token');

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async login(email: string, password: string): Promise<IssuedTokens> {
    const user = await this.verifyCredentials(email, password);
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      await manager.update(
        User,
        { id: user.id },
        { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
      );
      await this.audit.record(
        {
          action: 'auth.login',
          resourceType: 'user',
          resourceId: user.id,
          regionCodes: await regionCodesOfUser(manager, user),
        },
        manager,
      );
      return this.tokens.issue(user, manager);
    });
  }

  /**
   * The one password check, used by login and by the queue dashboard: rate limit per address, lock-out,
   * failure counting, constant-time answer for unknown e-mails.
   */
  async verifyCredentials(email: string, password: string): Promise<User> {
    await this.throttle.hit(currentRequestContext()?.ip ?? 'unknown');
    const user = await this.dataSource.getRepository(User).findOne({ where: { email: email.toLowerCase() } });
    if (!user) {
      await verifyAgainstDummy(password);
      throw invalidCredentials();
    }
    const actor = { type: 'user' as const, id: user.id, label: user.email };
    const ctx = currentRequestContext();
    if (ctx) ctx.actor = actor;

    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) {
      const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new DomainError(
        ErrorCode.AuthLocked,
        `Account temporarily locked after repeated failed logins: try again in ${Math.ceil(seconds / 60)} min`,
        undefined,
        { 'Retry-After': String(seconds) },
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.recordFailure(user);
      throw invalidCredentials();
    }
    if (user.disabled) throw new DomainError(ErrorCode.AuthAccountDisabled, 'This account is disabled');
    return user;
  }

  /** Counted in the database atomically, so parallel guesses cannot slip past the limit. */
  // A lock refuses new sign-ins and changes nothing a signed-in principal holds: no cache to invalidate.
  private async recordFailure(user: User) {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(User)
        .set({ failedLoginCount: () => '"failedLoginCount" + 1' })
        .where('id = :id', { id: user.id })
        .execute();
      const { failedLoginCount } = await manager.findOneOrFail(User, {
        where: { id: user.id },
        select: { id: true, failedLoginCount: true },
      });
      const lock = failedLoginCount >= this.config.auth.loginMaxFailures;
      if (lock) {
        await manager.update(
          User,
          { id: user.id },
          {
            failedLoginCount: 0,
            lockedUntil: new Date(Date.now() + this.config.auth.loginLockSeconds * 1000),
          },
        );
      }
      await this.audit.record(
        {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          resourceType: 'user',
          resourceId: user.id,
          regionCodes: await regionCodesOfUser(manager, user),
          changes: lock ? { lockedForSeconds: { to: this.config.auth.loginLockSeconds } } : null,
        },
        manager,
      );
    });
  }

  /**
   * Rotation: each refresh token works once and is replaced by the next of its family. A token presented a
   * second time means it was stolen or replayed: the whole family is revoked and the caller must sign in.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.findRefreshToken(refreshToken, manager);
      if (!token || token.revokedAt) return { error: invalidRefresh() };
      const user = await manager.findOne(User, { where: { id: token.userId } });
      const ctx = currentRequestContext();
      if (ctx && user) ctx.actor = { type: 'user', id: user.id, label: user.email };
      if (token.consumedAt || !(await this.tokens.consume(token.id, manager))) {
        await this.tokens.revokeFamily(token.familyId, 'reuse_detected', manager);
        await this.audit.record(
          {
            action: 'auth.refresh_reuse_detected',
            resourceType: 'user',
            resourceId: token.userId,
            regionCodes: user ? await regionCodesOfUser(manager, user) : [],
          },
          manager,
        );
        return {
          revokedUserId: token.userId,
          error: new DomainError(
            ErrorCode.AuthUnauthenticated,
            'Refresh token already used: every session of this sign-in was revoked, sign in again',
          ),
        };
      }
      if (token.expiresAt <= new Date() || !user || user.disabled) return { error: invalidRefresh() };
      return { tokens: await this.tokens.issue(user, manager, token.familyId) };
    });
    // The revocation above must commit, so the error is thrown only after the transaction.
    if ('revokedUserId' in outcome && outcome.revokedUserId) {
      await this.principals.invalidate([userSubject(outcome.revokedUserId)]);
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.tokens;
  }

  async logout(refreshToken: string): Promise<void> {
    const token = await this.tokens.findRefreshToken(refreshToken, this.dataSource.manager);
    if (!token) return;
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.revokeFamily(token.familyId, 'logout', manager);
      const user = await manager.findOneBy(User, { id: token.userId });
      await this.audit.record(
        {
          action: 'auth.logout',
          resourceType: 'user',
          resourceId: token.userId,
          regionCodes: user ? await regionCodesOfUser(manager, user) : [],
        },
        manager,
      );
    });
    await this.principals.invalidate([userSubject(token.userId)]);
  }
}
