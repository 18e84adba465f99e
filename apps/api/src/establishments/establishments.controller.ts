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
  CreateEstablishmentDto,
  EstablishmentDto,
  EstablishmentQueryDto,
  UpdateEstablishmentDto,
} from './dto/establishment.dto';
import { EstablishmentsService } from './establishments.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('establishments')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('establishments')
export class EstablishmentsController {
  constructor(private readonly establishments: EstablishmentsService) {}

  @Get()
  @Can('read', 'establishment')
  @ApiOperation({
    summary: 'Establishments the caller may see, by name',
    description: 'CISOs see theirs, analysts their region, admins all.',
  })
  @ApiOkResponse({ type: PageOf(EstablishmentDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: EstablishmentQueryDto,
  ): Promise<Page<EstablishmentDto>> {
    const [items, total] = await this.establishments.list(principal, query);
    return page(items.map(EstablishmentDto.from), total, query);
  }

  @Get(':id')
  @Can('read', 'establishment')
  @ApiOperation({ summary: 'One establishment (404 outside the caller’s scope)' })
  @ApiOkResponse({ type: EstablishmentDto })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
  ): Promise<EstablishmentDto> {
    return EstablishmentDto.from(await this.establishments.get(principal, id));
  }

  @Post()
  @Can('create', 'establishment')
  @ApiOperation({
    summary: 'Register an establishment (admins)',
    description: 'Region and département are derived from the FINESS number.',
  })
  @ApiCreatedResponse({ type: EstablishmentDto })
  async create(@Body() body: CreateEstablishmentDto): Promise<EstablishmentDto> {
    return EstablishmentDto.from(await this.establishments.create(body));
  }

  @Patch(':id')
  @Can('update', 'establishment')
  @ApiOperation({
    summary: 'Change an establishment',
    description: 'Admins change any field; a CISO only the name and bed count of their own.',
  })
  @ApiOkResponse({ type: EstablishmentDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateEstablishmentDto,
  ): Promise<EstablishmentDto> {
    return EstablishmentDto.from(await this.establishments.update(principal, id, body));
  }

  @Delete(':id')
  @Can('delete', 'establishment')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an establishment (admins)' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.establishments.remove(principal, id);
  }
}
