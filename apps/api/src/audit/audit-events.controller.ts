import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditEvent } from '@vigie/database';
import type { Repository } from 'typeorm';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { regionCodesInScope } from '../common/authz/tenant-scope';
import { type Page, page, PageOf } from '../common/pagination.dto';
import { AuditEventDto, AuditEventQueryDto } from './dto/audit-event.dto';

/** An event also concerns the regions listed for it in audit_event_region (a CISO of sites in two regions). */
const FURTHER_REGION_IN = (parameter: string) =>
  `EXISTS (SELECT 1 FROM audit_event_region r WHERE r."eventId" = e.id AND r."regionCode" IN (:...${parameter}))`;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  @Get()
  @Can('read', 'audit_event')
  @ApiOperation({
    summary: 'The audit trail, newest first',
    description: 'Admins read every event; regional analysts the events of their region.',
  })
  @ApiOkResponse({ type: PageOf(AuditEventDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditEventQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const qb = this.events.createQueryBuilder('e');
    const regions = regionCodesInScope(principal);
    if (regions !== 'all')
      qb.andWhere(`(e.regionCode IN (:...regions) OR ${FURTHER_REGION_IN('regions')})`, {
        regions: regions.length ? regions : ['__'],
      });
    if (query.regionCode)
      qb.andWhere(`(e.regionCode IN (:...regionCode) OR ${FURTHER_REGION_IN('regionCode')})`, {
        regionCode: [query.regionCode],
      });
    if (query.action?.endsWith('.*'))
      qb.andWhere('e.action LIKE :prefix', { prefix: `${query.action.slice(0, -1)}%` });
    else if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    for (const field of ['resourceType', 'resourceId', 'actorId', 'actorType', 'establishmentId'] as const) {
      if (query[field]) qb.andWhere(`e.${field} = :${field}`, { [field]: query[field] });
    }
    if (query.from) qb.andWhere('e.occurredAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurredAt < :to', { to: query.to });
    const [items, total] = await qb
      .orderBy('e.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return page(items.map(AuditEventDto.from), total, query);
  }
}
