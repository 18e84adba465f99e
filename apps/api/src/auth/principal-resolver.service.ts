import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiKey, RefreshToken, User, UserEstablishment } from '@vigie/database';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/authz/principal';
import { sha256, TokenService } from './token.service';

/** API keys look like `vigie_<prefix>_<secret>`: the prefix finds the row, the secret is checked by hash. */
export const API_KEY_PATTERN = /^vigie_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** Refreshing lastUsedAt on every call would turn each read into a write; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Turns a credential into a Principal, re-reading the user or key on every request so revocation is immediate. */
@Injectable()
export class PrincipalResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  async fromAccessToken(token: string): Promise<Principal | null> {
    const claims = await this.tokens.verifyAccessToken(token);
    if (!claims || (await this.familyRevoked(claims.fid))) return null;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: claims.sub } });
    if (!user || user.disabled) return null;
    return this.userPrincipal(user);
  }

  async userPrincipal(user: User): Promise<Principal> {
    const links =
      user.role === 'establishment_ciso'
        ? await this.dataSource.getRepository(UserEstablishment).find({ where: { userId: user.id } })
        : [];
    return {
      kind: 'user',
      id: user.id,
      label: user.email,
      role: user.role,
      regionCode: user.role === 'regional_analyst' ? user.regionCode : null,
      establishmentIds: links.map((l) => l.establishmentId).sort(),
      readOnly: false,
    };
  }

  async fromApiKey(presented: string): Promise<Principal | null> {
    const match = API_KEY_PATTERN.exec(presented);
    if (!match) return null;
    const repo = this.dataSource.getRepository(ApiKey);
    const key = await repo.findOne({
      where: { prefix: match[1] },
      relations: { createdBy: true, establishment: true },
    });
    if (!key) return null;
    const expected = Buffer.from(key.keyHash, 'hex');
    const actual = Buffer.from(sha256(presented), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const now = new Date();
    if (
      key.revokedAt ||
      (key.expiresAt && key.expiresAt <= now) ||
      !key.createdBy ||
      key.createdBy.disabled
    ) {
      return null;
    }
    if (!(await this.creatorStillCovers(key))) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await repo.update({ id: key.id }, { lastUsedAt: now });
    }
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
      readOnly: key.access === 'read' || key.createdBy.role === 'regional_analyst',
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
