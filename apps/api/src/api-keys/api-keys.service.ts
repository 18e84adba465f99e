import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { ApiKey, Establishment, Region } from '@vigie/database';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService, diffChanges } from '../audit/audit.service';
import { apiKeySubject, PrincipalCache } from '../auth/principal-cache.service';
import { sha256 } from '../auth/token.service';
import type { Principal } from '../common/authz/principal';
import { inEstablishmentScope } from '../common/authz/tenant-scope';
import type { ApiKeyQueryDto, CreateApiKeyDto } from './dto/api-key.dto';

const AUDITED_FIELDS = [
  'name',
  'prefix',
  'access',
  'regionCode',
  'establishmentId',
  'expiresAt',
  'revokedAt',
];
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function newPrefix(): string {
  return Array.from(randomBytes(12), (b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
}

/** A key is visible to its creator, to admins, and to whoever's scope contains the key's scope. */
function whereKeyInScope(qb: SelectQueryBuilder<ApiKey>, principal: Principal) {
  if (principal.role === 'national_admin') return qb;
  return qb.andWhere(
    new Brackets((inner) => {
      inner.where('k.createdById = :me', { me: principal.id });
      if (principal.role === 'regional_analyst' && principal.regionCode) {
        inner
          .orWhere('k.regionCode = :scopeRegion', { scopeRegion: principal.regionCode })
          .orWhere(
            'EXISTS (SELECT 1 FROM establishment s WHERE s.id = k.establishmentId AND s."regionCode" = :scopeRegion)',
          );
      }
      if (principal.role === 'establishment_ciso' && principal.establishmentIds.length > 0) {
        inner.orWhere('k.establishmentId IN (:...scopeIds)', { scopeIds: principal.establishmentIds });
      }
    }),
  );
}

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  list(principal: Principal, query: ApiKeyQueryDto) {
    const qb = whereKeyInScope(this.dataSource.getRepository(ApiKey).createQueryBuilder('k'), principal);
    if (!query.includeInactive) {
      qb.andWhere('k.revokedAt IS NULL').andWhere('(k.expiresAt IS NULL OR k.expiresAt > :now)', {
        now: new Date(),
      });
    }
    return qb
      .orderBy('k.createdAt', 'DESC')
      .addOrderBy('k.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
  }

  /** Creates the key and returns it with its secret, the only time the secret is ever available. */
  async create(principal: Principal, body: CreateApiKeyDto): Promise<{ key: ApiKey; secret: string }> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.checkScope(manager, principal, body);
      const prefix = newPrefix();
      const secret = `vigie_${prefix}_${randomBytes(32).toString('base64url')}`;
      const key = manager.create(ApiKey, {
        name: body.name,
        prefix,
        keyHash: sha256(secret),
        createdById: principal.id,
        access: body.access,
        regionCode: scope.regionCode,
        establishmentId: scope.establishmentId,
        expiresAt: body.expiresAt ?? null,
        revokedAt: null,
        lastUsedAt: null,
      });
      await manager.save(key);
      await this.audit.record(
        {
          action: 'api_key.create',
          resourceType: 'api_key',
          resourceId: key.id,
          regionCode: scope.auditRegion,
          establishmentId: key.establishmentId,
          changes: diffChanges(null, { ...key }, AUDITED_FIELDS),
        },
        manager,
      );
      return { key, secret };
    });
  }

  async revoke(principal: Principal, id: string): Promise<ApiKey> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const qb = manager.getRepository(ApiKey).createQueryBuilder('k').where('k.id = :id', { id });
      const key = await whereKeyInScope(qb, principal).getOne();
      if (!key) throw notFound('API key', id, ErrorCode.ApiKeyNotFound);
      if (key.revokedAt) return key;
      const revoked = manager.create(ApiKey, { ...key, revokedAt: new Date() });
      await manager.save(revoked);
      const establishment = key.establishmentId
        ? await manager.findOneBy(Establishment, { id: key.establishmentId })
        : null;
      await this.audit.record(
        {
          action: 'api_key.revoke',
          resourceType: 'api_key',
          resourceId: id,
          regionCode: key.regionCode ?? establishment?.regionCode ?? null,
          establishmentId: key.establishmentId,
          changes: diffChanges({ ...key }, { ...revoked }, AUDITED_FIELDS),
        },
        manager,
      );
      return revoked;
    });
    await this.principals.invalidate([apiKeySubject(revoked.prefix)]);
    return revoked;
  }

  /** A key never reaches beyond its creator's scope: CISOs scope to one of theirs, analysts within their region. */
  private async checkScope(manager: EntityManager, principal: Principal, body: CreateApiKeyDto) {
    if (body.establishmentId && body.regionCode) {
      throw new DomainError(
        ErrorCode.ApiKeyScopeInvalid,
        'Give either establishmentId or regionCode, not both',
        [{ field: 'regionCode', problem: 'conflicts with establishmentId' }],
      );
    }
    if (body.establishmentId && principal.role === 'regional_analyst') {
      // An establishment key acts as that establishment's CISO: an analyst must not gain write access through it.
      throw new DomainError(
        ErrorCode.ApiKeyScopeExceeded,
        'Regional analysts create region keys; an establishment key is created by its CISO or an administrator',
      );
    }
    if (body.establishmentId) {
      const establishment = await manager.findOneBy(Establishment, { id: body.establishmentId });
      if (!establishment || !inEstablishmentScope(principal, establishment))
        throw notFound('Establishment', body.establishmentId, ErrorCode.EstablishmentNotFound);
      return { establishmentId: establishment.id, regionCode: null, auditRegion: establishment.regionCode };
    }
    if (principal.role === 'establishment_ciso') {
      throw new DomainError(
        ErrorCode.ApiKeyScopeInvalid,
        'A CISO’s API key must be scoped to one of their establishments',
        [{ field: 'establishmentId', problem: 'required for CISOs' }],
      );
    }
    if (principal.role === 'regional_analyst') {
      if (body.regionCode && body.regionCode !== principal.regionCode) {
        throw new DomainError(
          ErrorCode.ApiKeyScopeExceeded,
          `You may only create keys for region ${principal.regionCode}`,
        );
      }
      return { establishmentId: null, regionCode: principal.regionCode, auditRegion: principal.regionCode };
    }
    if (body.regionCode && !(await manager.exists(Region, { where: { code: body.regionCode } }))) {
      throw new DomainError(ErrorCode.RegionUnknown, `Unknown region ${body.regionCode}`, [
        { field: 'regionCode', problem: 'unknown region' },
      ]);
    }
    return {
      establishmentId: null,
      regionCode: body.regionCode ?? null,
      auditRegion: body.regionCode ?? null,
    };
  }
}
