import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiKey, RefreshToken, User, UserEstablishment } from '@vigie/database';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/authz/principal';
import { apiKeySubject, PrincipalCache, userSubject } from './principal-cache.service';
import { type AccessTokenClaims, sha256, TokenService } from './token.service';

/** API keys look like `vigie_<prefix>_<secret>`: the prefix finds the row, the secret is checked by hash. */
export const API_KEY_PATTERN = /^vigie_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** Refreshing lastUsedAt on every call would turn each read into a write; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** An API key as read from the database, with what its principal needs checked on each request. */
interface ResolvedApiKey {
  principal: Principal;
  id: string;
  creatorId: string;
  keyHash: Buffer;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * Turns a credential into a Principal. What the database says is cached per API instance and re-checked against
 * Redis on every request (PrincipalCache), so a revocation on any instance is seen by the next request.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly cache: PrincipalCache,
  ) {}

  async fromAccessToken(token: string): Promise<Principal | null> {
    const claims = await this.tokens.verifyAccessToken(token);
    if (!claims) return null;
    const subjects = [userSubject(claims.sub)];
    return this.cache.resolve(
      `token:${claims.sub}:${claims.fid}`,
      subjects,
      () => this.loadSignedIn(claims),
      () => subjects,
    );
  }

  private async loadSignedIn(claims: AccessTokenClaims): Promise<Principal | null> {
    if (await this.familyRevoked(claims.fid)) return null;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: claims.sub } });
    if (!user || user.disabled) return null;
    return this.userPrincipal(user);
  }

  async userPrincipal(user: User): Promise<Principal> {
    const links =
      user.role === 'establishment_ciso'
        ? await this.dataSource.getRepository(UserEstablishment).find({ where: { userId: user.id } })
        : [];
    // Shared by every request the cache answers: frozen, so no caller can change it for the others.
    return deepFreeze({
      kind: 'user',
      id: user.id,
      label: user.email,
      displayName: user.displayName,
      role: user.role,
      regionCode: user.role === 'regional_analyst' ? user.regionCode : null,
      establishmentIds: links.map((l) => l.establishmentId).sort(),
      readOnly: false,
    });
  }

  async fromApiKey(presented: string): Promise<Principal | null> {
    const match = API_KEY_PATTERN.exec(presented);
    if (!match) return null;
    const key = await this.cache.resolve(
      `api_key:${match[1]}`,
      null,
      () => this.loadApiKey(match[1]),
      (k) => [apiKeySubject(match[1]), userSubject(k.creatorId)],
    );
    if (!key) return null;
    const actual = Buffer.from(sha256(presented), 'hex');
    if (key.keyHash.length !== actual.length || !timingSafeEqual(key.keyHash, actual)) return null;
    const now = new Date();
    if (key.expiresAt && key.expiresAt <= now) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      key.lastUsedAt = now;
      await this.dataSource.getRepository(ApiKey).update({ id: key.id }, { lastUsedAt: now });
    }
    return key.principal;
  }

  /** The key and its principal, or null when it is revoked or its creator is disabled or no longer covers it. */
  private async loadApiKey(prefix: string): Promise<ResolvedApiKey | null> {
    const key = await this.dataSource.getRepository(ApiKey).findOne({
      where: { prefix },
      relations: { createdBy: true },
    });
    if (!key || key.revokedAt || !key.createdBy || key.createdBy.disabled) return null;
    if (!(await this.creatorStillCovers(key))) return null;
    return {
      id: key.id,
      creatorId: key.createdBy.id,
      keyHash: Buffer.from(key.keyHash, 'hex'),
      expiresAt: key.expiresAt,
      lastUsedAt: key.lastUsedAt,
      principal: deepFreeze(this.apiKeyPrincipal(key)),
    };
  }

  private apiKeyPrincipal(key: ApiKey): Principal {
    return {
      kind: 'api_key',
      id: key.id,
      label: key.name,
      role: key.establishmentId
        ? 'establishment_ciso'
        : key.regionCode
          ? 'regional_analyst'
          : 'national_admin',
      regionCode: key.establishmentId ? null : key.regionCode,
      establishmentIds: key.establishmentId ? [key.establishmentId] : [],
      readOnly: key.access === 'read' || key.createdBy!.role === 'regional_analyst',
    };
  }

  /** A key never reaches beyond what its creator may reach today: moving or narrowing a user narrows their keys. */
  private async creatorStillCovers(key: ApiKey): Promise<boolean> {
    const creator = key.createdBy!;
    switch (creator.role) {
      case 'national_admin':
        return true;
      case 'regional_analyst':
        return !key.establishmentId && key.regionCode !== null && key.regionCode === creator.regionCode;
      case 'establishment_ciso':
        return (
          key.establishmentId !== null &&
          (await this.dataSource
            .getRepository(UserEstablishment)
            .existsBy({ userId: creator.id, establishmentId: key.establishmentId }))
        );
    }
  }

  /** Access tokens die with their sign-in: logout, refresh reuse and password changes revoke the family. */
  private async familyRevoked(familyId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .where('t.familyId = :familyId', { familyId })
      .andWhere('t.revokedAt IS NOT NULL')
      .getExists();
  }
}

function deepFreeze(principal: Principal): Principal {
  Object.freeze(principal.establishmentIds);
  return Object.freeze(principal);
}
