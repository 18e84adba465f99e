import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { Establishment, LegalEntity } from '@vigie/database';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService, diffChanges } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import { establishmentScope } from '../common/authz/tenant-scope';
import type { CreateLegalEntityDto, LegalEntityQueryDto, UpdateLegalEntityDto } from './dto/legal-entity.dto';
import { locateFiness } from './finess-location';

const AUDITED_FIELDS = ['finess', 'name', 'legalStatus', 'regionCode', 'departementCode'];

/**
 * A legal entity is visible to whoever sees one of its establishments; an analyst also sees the legal entities
 * registered in their region.
 */
function whereLegalEntityInScope(qb: SelectQueryBuilder<LegalEntity>, principal: Principal) {
  const scope = establishmentScope(principal);
  // The subquery alias is unknown to TypeORM, so its camelCase columns are quoted by hand for PostgreSQL.
  const runs = (condition: string) =>
    `EXISTS (SELECT 1 FROM establishment s WHERE s."legalEntityId" = le.id AND ${condition})`;
  switch (scope.kind) {
    case 'all':
      return qb;
    case 'region':
      return qb.andWhere(`(le.regionCode = :scopeRegion OR ${runs('s."regionCode" = :scopeRegion')})`, {
        scopeRegion: scope.regionCode,
      });
    case 'establishments':
      return scope.ids.length === 0
        ? qb.andWhere('1 = 0')
        : qb.andWhere(runs('s.id IN (:...scopeIds)'), { scopeIds: scope.ids });
  }
}

@Injectable()
export class LegalEntitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(principal: Principal, query: LegalEntityQueryDto) {
    const qb = whereLegalEntityInScope(
      this.dataSource.getRepository(LegalEntity).createQueryBuilder('le'),
      principal,
    );
    if (query.regionCode) qb.andWhere('le.regionCode = :regionCode', { regionCode: query.regionCode });
    if (query.legalStatus) qb.andWhere('le.legalStatus = :legalStatus', { legalStatus: query.legalStatus });
    if (query.finess) qb.andWhere('le.finess = :finess', { finess: query.finess.toUpperCase() });
    if (query.q) qb.andWhere('LOWER(le.name) LIKE :q', { q: `%${query.q.toLowerCase()}%` });
    return qb
      .orderBy('le.name', 'ASC')
      .addOrderBy('le.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
  }

  async get(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager) {
    const qb = manager.getRepository(LegalEntity).createQueryBuilder('le').where('le.id = :id', { id });
    const entity = await whereLegalEntityInScope(qb, principal).getOne();
    if (!entity) throw notFound('Legal entity', id, ErrorCode.LegalEntityNotFound);
    return entity;
  }

  create(body: CreateLegalEntityDto): Promise<LegalEntity> {
    return this.dataSource.transaction(async (manager) => {
      const location = await locateFiness(manager, body.finess);
      if (await manager.exists(LegalEntity, { where: { finess: location.finess } })) {
        throw new DomainError(
          ErrorCode.LegalEntityFinessTaken,
          `A legal entity with FINESS ${location.finess} already exists`,
        );
      }
      const entity = manager.create(LegalEntity, {
        ...location,
        name: body.name,
        legalStatus: body.legalStatus,
      });
      await manager.save(entity);
      await this.audit.record(
        {
          action: 'legal_entity.create',
          resourceType: 'legal_entity',
          resourceId: entity.id,
          regionCode: entity.regionCode,
          changes: diffChanges(null, { ...entity }, AUDITED_FIELDS),
        },
        manager,
      );
      return entity;
    });
  }

  update(principal: Principal, id: string, body: UpdateLegalEntityDto): Promise<LegalEntity> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(principal, id, manager);
      const after = manager.create(LegalEntity, { ...before });
      if (body.name !== undefined) after.name = body.name;
      if (body.legalStatus !== undefined) after.legalStatus = body.legalStatus;
      if (body.finess !== undefined) {
        const location = await locateFiness(manager, body.finess);
        if (
          location.finess !== before.finess &&
          (await manager.exists(LegalEntity, { where: { finess: location.finess } }))
        ) {
          throw new DomainError(
            ErrorCode.LegalEntityFinessTaken,
            `A legal entity with FINESS ${location.finess} already exists`,
          );
        }
        Object.assign(after, location);
      }
      const changes = diffChanges({ ...before }, { ...after }, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return before;
      await manager.save(after);
      await this.audit.record(
        {
          action: 'legal_entity.update',
          resourceType: 'legal_entity',
          resourceId: id,
          regionCode: after.regionCode,
          changes,
        },
        manager,
      );
      return after;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const entity = await this.get(principal, id, manager);
      const sites = await manager.count(Establishment, { where: { legalEntityId: id } });
      if (sites > 0)
        throw new DomainError(
          ErrorCode.LegalEntityHasEstablishments,
          `Legal entity ${entity.finess} still runs ${sites} establishment(s): delete or move them first`,
        );
      await manager.delete(LegalEntity, { id });
      await this.audit.record(
        {
          action: 'legal_entity.delete',
          resourceType: 'legal_entity',
          resourceId: id,
          regionCode: entity.regionCode,
          changes: diffChanges({ ...entity }, null, AUDITED_FIELDS),
        },
        manager,
      );
    });
  }
}
