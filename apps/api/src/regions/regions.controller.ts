import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, notFound } from '@vigie/common';
import { Region } from '@vigie/database';
import type { Repository } from 'typeorm';
import { Can } from '../common/authz/policy.decorator';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import { RegionDto } from './dto/region.dto';

/** Reference data: the 18 regions and their départements, readable by every signed-in caller. */
@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionsController {
  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  @Get()
  @Can('read', 'region')
  @ApiOperation({ summary: 'The 18 French regions with their départements' })
  @ApiOkResponse({ type: PageOf(RegionDto) })
  async list(@Query() query: PageQueryDto): Promise<Page<RegionDto>> {
    // 18 rows: paged in memory, since TypeORM's take/skip with a joined relation drops regions on SQLite.
    const regions = await this.regions.find({
      relations: { departements: true },
      order: { code: 'ASC', departements: { code: 'ASC' } },
    });
    const items = regions.slice(query.offset, query.offset + query.limit);
    return page(items.map(RegionDto.from), regions.length, query);
  }

  @Get(':code')
  @Can('read', 'region')
  @ApiOperation({ summary: 'One region by INSEE code' })
  @ApiOkResponse({ type: RegionDto })
  async get(@Param('code') code: string): Promise<RegionDto> {
    const region = await this.regions.findOne({ where: { code }, relations: { departements: true } });
    if (!region) throw notFound('Region', code, ErrorCode.RegionNotFound);
    return RegionDto.from(region);
  }
}
