import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { ConfigFile } from '@vigie/database';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import { ConfigFilesService, type UploadedConfig } from './config-files.service';
import { ConfigFileDto, UPLOAD_CONFIG_FORM, UploadConfigFileDto } from './dto/config-file.dto';

const uuid = new ParseUUIDPipe({ version: '4' });
export const MAX_CONFIG_FILES = 20;

const dto = (f: ConfigFile): ConfigFileDto => ({
  id: f.id,
  establishmentId: f.establishmentId,
  kind: f.kind,
  label: f.label,
  entry: f.entry,
  fileNames: Object.keys(JSON.parse(f.files) as Record<string, string>),
  sizeBytes: f.sizeBytes,
  sha256: f.sha256,
  createdAt: f.createdAt,
});

@ApiTags('scans')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class ConfigFilesController {
  constructor(private readonly configFiles: ConfigFilesService) {}

  @Post('establishments/:establishmentId/config-files')
  @Can('create', 'config_file')
  @UseInterceptors(FilesInterceptor('files', MAX_CONFIG_FILES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_CONFIG_FORM })
  @ApiOperation({
    summary:
      'Upload a configuration to audit (sshd_config, nginx, Apache, secedit INF) with the files it includes; then scan it with POST .../scans {configFileIds}',
  })
  @ApiCreatedResponse({ type: ConfigFileDto })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Body() body: UploadConfigFileDto,
    @UploadedFiles() files: UploadedConfig[] | undefined,
  ): Promise<ConfigFileDto> {
    return dto(await this.configFiles.upload(principal, establishmentId, body, files));
  }

  @Get('establishments/:establishmentId/config-files')
  @Can('read', 'config_file')
  @ApiOperation({ summary: 'Uploaded configurations of an establishment' })
  @ApiOkResponse({ type: PageOf(ConfigFileDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ConfigFileDto>> {
    const [items, total] = await this.configFiles.list(principal, establishmentId, query);
    return page(items.map(dto), total, query);
  }

  @Get('config-files/:id')
  @Can('read', 'config_file')
  @ApiOperation({ summary: 'One uploaded configuration' })
  @ApiOkResponse({ type: ConfigFileDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ConfigFileDto> {
    return dto(await this.configFiles.get(principal, id));
  }

  @Delete('config-files/:id')
  @Can('delete', 'config_file')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an uploaded configuration and its findings' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.configFiles.remove(principal, id);
  }
}
