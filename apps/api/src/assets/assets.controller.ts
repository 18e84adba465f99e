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
import type { Asset } from '@vigie/database';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import { AssetsService } from './assets.service';
import { AssetDto, CreateAssetDto, UpdateAssetDto, VerifyAssetDto, VouchAssetDto } from './dto/asset.dto';

const uuid = new ParseUUIDPipe({ version: '4' });
const dto = (a: Asset): AssetDto => ({
  id: a.id,
  establishmentId: a.establishmentId,
  kind: a.kind,
  value: a.value,
  verificationToken: a.verificationToken,
  verified: a.verifiedAt !== null,
  verifiedAt: a.verifiedAt,
  verificationMethod: a.verificationMethod,
  dkimSelectors: a.dkimSelectors ? a.dkimSelectors.split(',') : [],
  lastScannedAt: a.lastScannedAt,
  reachability: a.reachability,
  lastReachedAt: a.lastReachedAt,
  unreachableScans: a.unreachableScans,
  nextScanAt: a.nextScanAt,
  createdAt: a.createdAt,
});

@ApiTags('assets')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get('establishments/:establishmentId/assets')
  @Can('read', 'asset')
  @ApiOperation({ summary: 'Internet-facing assets of an establishment' })
  @ApiOkResponse({ type: PageOf(AssetDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AssetDto>> {
    const [items, total] = await this.assets.list(principal, establishmentId, query);
    return page(items.map(dto), total, query);
  }

  @Post('establishments/:establishmentId/assets')
  @Can('create', 'asset')
  @ApiOperation({
    summary: 'Register a domain, host name, IP address or URL; it is scanned once its ownership is verified',
  })
  @ApiCreatedResponse({ type: AssetDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Body() body: CreateAssetDto,
  ): Promise<AssetDto> {
    return dto(await this.assets.create(principal, establishmentId, body));
  }

  @Get('assets/:id')
  @Can('read', 'asset')
  @ApiOperation({ summary: 'One asset, with its verification token' })
  @ApiOkResponse({ type: AssetDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<AssetDto> {
    return dto(await this.assets.get(principal, id));
  }

  @Patch('assets/:id')
  @Can('update', 'asset')
  @ApiOperation({ summary: 'Change the DKIM selectors of a domain (the value of an asset never changes)' })
  @ApiOkResponse({ type: AssetDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateAssetDto,
  ): Promise<AssetDto> {
    return dto(await this.assets.update(principal, id, body));
  }

  @Post('assets/:id/verify')
  @Can('update', 'asset')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Check ownership now: DNS TXT `vigie-verification=<token>` or the token at /.well-known/vigie-verification.txt',
  })
  @ApiOkResponse({ type: AssetDto })
  async verify(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: VerifyAssetDto,
  ): Promise<AssetDto> {
    return dto(await this.assets.verify(principal, id, body.method));
  }

  @Post('assets/:id/vouch')
  @Can('vouch', 'asset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Vouch for an asset (regional analysts of the region, admins); recorded in the audit log',
  })
  @ApiOkResponse({ type: AssetDto })
  async vouch(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: VouchAssetDto,
  ): Promise<AssetDto> {
    return dto(await this.assets.vouch(principal, id, body.reason));
  }

  @Delete('assets/:id')
  @Can('delete', 'asset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an asset' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.assets.remove(principal, id);
  }
}
