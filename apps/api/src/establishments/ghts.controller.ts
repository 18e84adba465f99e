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
import { CreateGhtDto, GhtDto, GhtQueryDto, UpdateGhtDto } from './dto/ght.dto';
import { GhtsService } from './ghts.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('ghts')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('ghts')
export class GhtsController {
  constructor(private readonly ghts: GhtsService) {}

  @Get()
  @Can('read', 'ght')
  @ApiOperation({ summary: 'GHTs (groupements hospitaliers de territoire) the caller may see' })
  @ApiOkResponse({ type: PageOf(GhtDto) })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: GhtQueryDto): Promise<Page<GhtDto>> {
    const [items, total] = await this.ghts.list(principal, query);
    return page(items.map(GhtDto.from), total, query);
  }

  @Get(':id')
  @Can('read', 'ght')
  @ApiOperation({ summary: 'One GHT' })
  @ApiOkResponse({ type: GhtDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<GhtDto> {
    return GhtDto.from(await this.ghts.get(principal, id));
  }

  @Post()
  @Can('create', 'ght')
  @ApiOperation({ summary: 'Create a GHT in a region (admins)' })
  @ApiCreatedResponse({ type: GhtDto })
  async create(@Body() body: CreateGhtDto): Promise<GhtDto> {
    return GhtDto.from(await this.ghts.create(body));
  }

  @Patch(':id')
  @Can('update', 'ght')
  @ApiOperation({ summary: 'Rename a GHT (admins)' })
  @ApiOkResponse({ type: GhtDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateGhtDto,
  ): Promise<GhtDto> {
    return GhtDto.from(await this.ghts.update(principal, id, body));
  }

  @Delete(':id')
  @Can('delete', 'ght')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a GHT; its establishments leave it (admins)' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.ghts.remove(principal, id);
  }
}
