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
  /** Regions change only with config/regions.json, seeded before the API listens: read once per process. */
  private catalogue?: Promise<Map<string, RegionDto>>;

  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  private byCode(): Promise<Map<string, RegionDto>> {
    if (!this.catalogue) {
      const loading = this.regions
        .find({ relations: { departements: true }, order: { code: 'ASC', departements: { code: 'ASC' } } })
        .then((regions) => new Map(regions.map((r) => [r.code, RegionDto.from(r)])));
      loading.catch(() => (this.catalogue = undefined)); // a failed read is retried by the next request
      this.catalogue = loading;
    }
    return this.catalogue;
  }

  @Get()
  @Can('read', 'region')
  @ApiOperation({ summary: 'The 18 French regions with their départements' })
  @ApiOkResponse({ type: PageOf(RegionDto) })
  async list(@Query() query: PageQueryDto): Promise<Page<RegionDto>> {
    const regions = [...(await this.byCode()).values()];
    return page(regions.slice(query.offset, query.offset + query.limit), regions.length, query);
  }

  @Get(':code')
  @Can('read', 'region')
  @ApiOperation({ summary: 'One region by INSEE code' })
  @ApiOkResponse({ type: RegionDto })
  async get(@Param('code') code: string): Promise<RegionDto> {
    const region = (await this.byCode()).get(code);
    if (!region) throw notFound('Region', code, ErrorCode.RegionNotFound);
    return region;
  }
}
