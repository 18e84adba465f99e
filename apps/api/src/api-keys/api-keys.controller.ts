import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf } from '../common/pagination.dto';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, ApiKeyQueryDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Can('read', 'api_key')
  @ApiOperation({ summary: 'API keys within the caller’s scope (never their secret)' })
  @ApiOkResponse({ type: PageOf(ApiKeyDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ApiKeyQueryDto,
  ): Promise<Page<ApiKeyDto>> {
    const [items, total] = await this.apiKeys.list(principal, query);
    return page(items.map(ApiKeyDto.from), total, query);
  }

  @Post()
  @Can('create', 'api_key')
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'The response holds the key once. Send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.apiKeys.create(principal, body);
    return { ...ApiKeyDto.from(key), key: secret };
  }

  @Delete(':id')
  @Can('delete', 'api_key')
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiOkResponse({ type: ApiKeyDto })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<ApiKeyDto> {
    return ApiKeyDto.from(await this.apiKeys.revoke(principal, id));
  }
}
