import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf } from '../common/pagination.dto';
import {
  CreateLegalEntityDto,
  LegalEntityDto,
  LegalEntityQueryDto,
  UpdateLegalEntityDto,
} from './dto/legal-entity.dto';
import { LegalEntitiesService } from './legal-entities.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('legal entities')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('legal-entities')
export class LegalEntitiesController {
  constructor(private readonly legalEntities: LegalEntitiesService) {}

  @Get()
  @Can('read', 'legal_entity')
  @ApiOperation({ summary: 'Legal entities (FINESS EJ) the caller may see' })
  @ApiOkResponse({ type: PageOf(LegalEntityDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LegalEntityQueryDto,
  ): Promise<Page<LegalEntityDto>> {
    const [items, total] = await this.legalEntities.list(principal, query);
    return page(items.map(LegalEntityDto.from), total, query);
  }

  @Get(':id')
  @Can('read', 'legal_entity')
  @ApiOperation({ summary: 'One legal entity' })
  @ApiOkResponse({ type: LegalEntityDto })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
  ): Promise<LegalEntityDto> {
    return LegalEntityDto.from(await this.legalEntities.get(principal, id));
  }

  @Post()
  @Can('create', 'legal_entity')
  @ApiOperation({ summary: 'Register a legal entity (admins)' })
  @ApiCreatedResponse({ type: LegalEntityDto })
  async create(@Body() body: CreateLegalEntityDto): Promise<LegalEntityDto> {
    return LegalEntityDto.from(await this.legalEntities.create(body));
  }

  @Patch(':id')
  @Can('update', 'legal_entity')
  @ApiOperation({ summary: 'Change a legal entity (admins)' })
  @ApiOkResponse({ type: LegalEntityDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateLegalEntityDto,
  ): Promise<LegalEntityDto> {
    return LegalEntityDto.from(await this.legalEntities.update(principal, id, body));
  }

  @Delete(':id')
  @Can('delete', 'legal_entity')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a legal entity that runs no establishment (admins)' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.legalEntities.remove(principal, id);
  }
}
