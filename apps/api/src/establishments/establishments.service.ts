import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { ApiKey, Establishment, Ght, LegalEntity, UserEstablishment } from '@vigie/database';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, diffChanges } from '../audit/audit.service';
import { apiKeySubject, PrincipalCache, userSubject } from '../auth/principal-cache.service';
import type { Principal } from '../common/authz/principal';
import { whereEstablishmentInScope } from '../common/authz/tenant-scope';
import {
  CISO_EDITABLE_FIELDS,
  type CreateEstablishmentDto,
  type EstablishmentQueryDto,
  type UpdateEstablishmentDto,
} from './dto/establishment.dto';
import { locateFiness } from './finess-location';

const AUDITED_FIELDS = [
  'finess',
  'name',
  'category',
  'legalEntityId',
  'regionCode',
  'departementCode',
  'ghtId',
  'bedCount',
];

@Injectable()
export class EstablishmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async list(principal: Principal, query: EstablishmentQueryDto) {
    const qb = this.dataSource.getRepository(Establishment).createQueryBuilder('e');
    whereEstablishmentInScope(qb, 'e', principal);
    for (const field of ['regionCode', 'departementCode', 'category', 'legalEntityId', 'ghtId'] as const) {
      if (query[field]) qb.andWhere(`e.${field} = :${field}`, { [field]: query[field] });
    }
    if (query.finess) qb.andWhere('e.finess = :finess', { finess: query.finess.toUpperCase() });
    if (query.q) qb.andWhere('LOWER(e.name) LIKE :q', { q: `%${query.q.toLowerCase()}%` });
    return qb
      .orderBy('e.name', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
  }

  /** The establishment if the caller may see it; otherwise 404, whether it exists or not. */
  async get(
    principal: Principal,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Establishment> {
    const qb = manager.getRepository(Establishment).createQueryBuilder('e').where('e.id = :id', { id });
    const establishment = await whereEstablishmentInScope(qb, 'e', principal).getOne();
    if (!establishment) throw notFound('Establishment', id, ErrorCode.EstablishmentNotFound);
    return establishment;
  }

  async create(body: CreateEstablishmentDto): Promise<Establishment> {
    return this.dataSource.transaction(async (manager) => {
      const location = await locateFiness(manager, body.finess, body.departementCode);
      await this.checkLegalEntity(manager, body.legalEntityId);
      if (body.ghtId) await this.checkGht(manager, body.ghtId, location.regionCode);
      await this.checkFinessFree(manager, location.finess);
      const establishment = manager.create(Establishment, {
        finess: location.finess,
        name: body.name,
        category: body.category,
        legalEntityId: body.legalEntityId,
        regionCode: location.regionCode,
        departementCode: location.departementCode,
        ghtId: body.ghtId ?? null,
        bedCount: body.bedCount ?? null,
      });
      await manager.save(establishment);
      await this.audit.record(
        {
          action: 'establishment.create',
          resourceType: 'establishment',
          resourceId: establishment.id,
          regionCode: establishment.regionCode,
          establishmentId: establishment.id,
          changes: diffChanges(null, { ...establishment }, AUDITED_FIELDS),
        },
        manager,
      );
      return establishment;
    });
  }

  async update(principal: Principal, id: string, body: UpdateEstablishmentDto): Promise<Establishment> {
    if (principal.role === 'establishment_ciso') {
      const refused = Object.keys(body).filter(
        (f) => !(CISO_EDITABLE_FIELDS as readonly string[]).includes(f),
      );
      if (refused.length > 0) {
        throw new DomainError(
          ErrorCode.EstablishmentFieldForbidden,
          `A CISO may only change ${CISO_EDITABLE_FIELDS.join(' and ')}; ask an administrator to change ${refused.join(', ')}`,
        );
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(principal, id, manager);
      const after = manager.create(Establishment, { ...before });
      if (body.name !== undefined) after.name = body.name;
      if (body.category !== undefined) after.category = body.category;
      if (body.bedCount !== undefined) after.bedCount = body.bedCount;
      if (body.finess !== undefined || body.departementCode !== undefined) {
        const location = await locateFiness(manager, body.finess ?? before.finess, body.departementCode);
        if (location.finess !== before.finess) await this.checkFinessFree(manager, location.finess);
        Object.assign(after, location);
      }
      if (body.legalEntityId !== undefined) {
        await this.checkLegalEntity(manager, body.legalEntityId);
        after.legalEntityId = body.legalEntityId;
      }
      if (body.ghtId !== undefined) after.ghtId = body.ghtId;
      if (after.ghtId && (after.ghtId !== before.ghtId || after.regionCode !== before.regionCode)) {
        await this.checkGht(manager, after.ghtId, after.regionCode);
      }
      const changes = diffChanges({ ...before }, { ...after }, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return before;
      await manager.save(after);
      await this.audit.record(
        {
          action: 'establishment.update',
          resourceType: 'establishment',
          resourceId: id,
          regionCode: after.regionCode,
          establishmentId: id,
          changes,
        },
        manager,
      );
      return after;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const affected = await this.dataSource.transaction(async (manager) => {
      const establishment = await this.get(principal, id, manager);
      // The delete cascades to its CISOs' links and its API keys: their cached principals must go too.
      const links = await manager.find(UserEstablishment, { where: { establishmentId: id } });
      const keys = await manager.find(ApiKey, { where: { establishmentId: id }, select: { prefix: true } });
      await manager.delete(Establishment, { id });
      await this.audit.record(
        {
          action: 'establishment.delete',
          resourceType: 'establishment',
          resourceId: id,
          regionCode: establishment.regionCode,
          establishmentId: id,
          changes: diffChanges({ ...establishment }, null, AUDITED_FIELDS),
        },
        manager,
      );
      return [...links.map((l) => userSubject(l.userId)), ...keys.map((k) => apiKeySubject(k.prefix))];
    });
    await this.principals.invalidate(affected);
  }

  private async checkFinessFree(manager: EntityManager, finess: string) {
    if (await manager.exists(Establishment, { where: { finess } })) {
      throw new DomainError(
        ErrorCode.EstablishmentFinessTaken,
        `An establishment with FINESS ${finess} already exists`,
      );
    }
  }

  private async checkLegalEntity(manager: EntityManager, legalEntityId: string) {
    if (!(await manager.exists(LegalEntity, { where: { id: legalEntityId } }))) {
      throw new DomainError(ErrorCode.LegalEntityUnknown, `Legal entity ${legalEntityId} does not exist`, [
        { field: 'legalEntityId', problem: 'unknown legal entity' },
      ]);
    }
  }

  private async checkGht(manager: EntityManager, ghtId: string, regionCode: string) {
    const ght = await manager.findOne(Ght, { where: { id: ghtId } });
    if (!ght)
      throw new DomainError(ErrorCode.GhtUnknown, `GHT ${ghtId} does not exist`, [
        { field: 'ghtId', problem: 'unknown GHT' },
      ]);
    if (ght.regionCode !== regionCode) {
      const problem = `GHT "${ght.name}" is in region ${ght.regionCode}, the establishment in region ${regionCode}`;
      throw new DomainError(ErrorCode.GhtRegionMismatch, problem, [{ field: 'ghtId', problem }]);
    }
  }
}
