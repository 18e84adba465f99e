import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { RefreshToken, type User } from '@vigie/database';
import { type EntityManager, IsNull, Repository } from 'typeorm';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token, in seconds. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  /** The refresh-token family (sign-in) the access token belongs to: revoking the family revokes it too. */
  fid: string;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class TokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  /** A short-lived access token and a refresh token, the first of a new family or the next of `familyId`. */
  async issue(user: User, manager: EntityManager, familyId: string = randomUUID()): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    // create() runs the entity's initialisers (the id); a plain object given to insert() would have none.
    await manager.insert(
      RefreshToken,
      manager.create(RefreshToken, {
        userId: user.id,
        familyId,
        tokenHash: sha256(refreshToken),
        expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000),
        consumedAt: null,
        revokedAt: null,
        revokedReason: null,
      }),
    );
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access', fid: familyId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.auth.accessTokenTtlSeconds,
      jwtid: randomUUID(),
    });
    return {
      accessToken,
      refreshToken,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
      tokenType: 'Bearer',
    };
  }

  async verifyAccessToken(token: string): Promise<AccessTokenClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      return claims.typ === 'access' && typeof claims.sub === 'string' && typeof claims.fid === 'string'
        ? claims
        : null;
    } catch {
      return null;
    }
  }

  findRefreshToken(token: string, manager: EntityManager): Promise<RefreshToken | null> {
    return manager.findOne(RefreshToken, { where: { tokenHash: sha256(token) } });
  }

  /** Marks a token used; false when another request consumed it first (a race is reuse too). */
  async consume(tokenId: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.update(
      RefreshToken,
      { id: tokenId, consumedAt: IsNull(), revokedAt: IsNull() },
      { consumedAt: new Date() },
    );
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(familyId: string, reason: string, manager: EntityManager = this.refreshTokens.manager) {
    await manager.update(
      RefreshToken,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  async revokeAllOfUser(userId: string, reason: string, manager: EntityManager = this.refreshTokens.manager) {
    await manager.update(
      RefreshToken,
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }
}
