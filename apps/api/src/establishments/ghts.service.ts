import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { Establishment, Ght, Region } from '@vigie/database';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService, diffChanges } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import { establishmentScope } from '../common/authz/tenant-scope';
import type { CreateGhtDto, GhtQueryDto, UpdateGhtDto } from './dto/ght.dto';

/** Analysts see the GHTs of their region; CISOs those their establishments belong to. */
function whereGhtInScope(qb: SelectQueryBuilder<Ght>, principal: Principal) {
  const scope = establishmentScope(principal);
  switch (scope.kind) {
    case 'all':
      return qb;
    case 'region':
      return qb.andWhere('g.regionCode = :scopeRegion', { scopeRegion: scope.regionCode });
    case 'establishments':
      return scope.ids.length === 0
        ? qb.andWhere('1 = 0')
        : qb.andWhere(
            'EXISTS (SELECT 1 FROM establishment s WHERE s."ghtId" = g.id AND s.id IN (:...scopeIds))',
            {
              scopeIds: scope.ids,
            },
          );
  }
}

@Injectable()
export class GhtsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(principal: Principal, query: GhtQueryDto) {
    const qb = whereGhtInScope(this.dataSource.getRepository(Ght).createQueryBuilder('g'), principal);
    if (query.regionCode) qb.andWhere('g.regionCode = :regionCode', { regionCode: query.regionCode });
    if (query.q) qb.andWhere('LOWER(g.name) LIKE :q', { q: `%${query.q.toLowerCase()}%` });
    return qb
      .orderBy('g.name', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
  }

  async get(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager) {
    const qb = manager.getRepository(Ght).createQueryBuilder('g').where('g.id = :id', { id });
    const ght = await whereGhtInScope(qb, principal).getOne();
    if (!ght) throw notFound('GHT', id, ErrorCode.GhtNotFound);
    return ght;
  }

  create(body: CreateGhtDto): Promise<Ght> {
    return this.dataSource.transaction(async (manager) => {
      await this.checkRegion(manager, body.regionCode);
      await this.checkNameFree(manager, body.regionCode, body.name);
      const ght = manager.create(Ght, { name: body.name, regionCode: body.regionCode });
      await manager.save(ght);
      await this.audit.record(
        {
          action: 'ght.create',
          resourceType: 'ght',
          resourceId: ght.id,
          regionCode: ght.regionCode,
          changes: diffChanges(null, { ...ght }, ['name', 'regionCode']),
        },
        manager,
      );
      return ght;
    });
  }

  update(principal: Principal, id: string, body: UpdateGhtDto): Promise<Ght> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(principal, id, manager);
      const after = manager.create(Ght, { ...before, ...body });
      if (after.regionCode !== before.regionCode) {
        await this.checkRegion(manager, after.regionCode);
        const members = await manager.count(Establishment, { where: { ghtId: id } });
        if (members > 0)
          throw new DomainError(
            ErrorCode.GhtHasEstablishments,
            `GHT "${before.name}" has ${members} establishment(s) in region ${before.regionCode}`,
          );
      }
      if (after.name !== before.name || after.regionCode !== before.regionCode) {
        await this.checkNameFree(manager, after.regionCode, after.name);
      }
      const changes = diffChanges({ ...before }, { ...after }, ['name', 'regionCode']);
      if (Object.keys(changes).length === 0) return before;
      await manager.save(after);
      await this.audit.record(
        { action: 'ght.update', resourceType: 'ght', resourceId: id, regionCode: after.regionCode, changes },
        manager,
      );
      return after;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const ght = await this.get(principal, id, manager);
      await manager.delete(Ght, { id });
      await this.audit.record(
        {
          action: 'ght.delete',
          resourceType: 'ght',
          resourceId: id,
          regionCode: ght.regionCode,
          changes: diffChanges({ ...ght }, null, ['name', 'regionCode']),
        },
        manager,
      );
    });
  }

  private async checkRegion(manager: EntityManager, regionCode: string) {
    if (!(await manager.exists(Region, { where: { code: regionCode } }))) {
      throw new DomainError(ErrorCode.RegionUnknown, `Unknown region ${regionCode}`, [
        { field: 'regionCode', problem: 'unknown region' },
      ]);
    }
  }

  private async checkNameFree(manager: EntityManager, regionCode: string, name: string) {
    if (await manager.exists(Ght, { where: { regionCode, name } })) {
      throw new DomainError(
        ErrorCode.GhtNameTaken,
        `A GHT named "${name}" already exists in region ${regionCode}`,
      );
    }
  }
}
