import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, notFound } from '@vigie/common';
import { ConfigFile, Finding } from '@vigie/database';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import type { PageQueryDto } from '../common/pagination.dto';
import { whereEstablishmentInScope } from '../common/authz/tenant-scope';
import { EstablishmentsService } from '../establishments/establishments.service';
import { configFileName, configText, invalidConfig } from './config-text';
import type { UploadConfigFileDto } from './dto/config-file.dto';

export interface UploadedConfig {
  originalname: string;
  buffer: Buffer;
}

@Injectable()
export class ConfigFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly establishments: EstablishmentsService,
    private readonly audit: AuditService,
  ) {}

  async upload(
    principal: Principal,
    establishmentId: string,
    body: UploadConfigFileDto,
    uploaded: UploadedConfig[] | undefined,
  ): Promise<ConfigFile> {
    if (!uploaded || uploaded.length === 0)
      throw invalidConfig(
        'Send the configuration as multipart/form-data in one or more fields named "files"',
        [{ field: 'files', problem: 'missing' }],
      );
    const establishment = await this.establishments.get(principal, establishmentId);
    // No prototype: a file named `constructor` is a file like any other.
    const files: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const file of uploaded) {
      const name = configFileName(file.originalname);
      if (Object.hasOwn(files, name))
        throw invalidConfig(`Two files are named ${name}`, [
          { field: 'files', problem: `${name} sent twice` },
        ]);
      files[name] = configText(name, file.buffer);
    }
    const entry = body.entry ?? Object.keys(files)[0];
    if (!Object.hasOwn(files, entry))
      throw invalidConfig(
        `The entry file ${entry} is not among the files sent (${Object.keys(files).join(', ')})`,
        [{ field: 'entry', problem: 'not among the files sent' }],
      );
    const json = JSON.stringify(files);
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(ConfigFile, {
        establishmentId,
        kind: body.kind,
        label: body.label,
        entry,
        files: json,
        sizeBytes: uploaded.reduce((sum, f) => sum + f.buffer.length, 0),
        sha256: createHash('sha256').update(json).digest('hex'),
        uploadedById: principal.kind === 'user' ? principal.id : null,
        createdAt: new Date(),
      });
      await manager.insert(ConfigFile, row);
      await this.audit.record(
        {
          action: 'config_file.upload',
          resourceType: 'config_file',
          resourceId: row.id,
          regionCode: establishment.regionCode,
          establishmentId,
          changes: { kind: { to: body.kind }, files: { to: Object.keys(files) } },
        },
        manager,
      );
      return row;
    });
  }

  async list(
    principal: Principal,
    establishmentId: string,
    query: PageQueryDto,
  ): Promise<[ConfigFile[], number]> {
    await this.establishments.get(principal, establishmentId);
    return this.dataSource.getRepository(ConfigFile).findAndCount({
      where: { establishmentId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
  }

  async get(principal: Principal, id: string): Promise<ConfigFile> {
    const qb = this.dataSource
      .getRepository(ConfigFile)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.establishment', 'e')
      .where('c.id = :id', { id });
    const file = await whereEstablishmentInScope(qb, 'e', principal).getOne();
    if (!file) throw notFound('Configuration file', id, ErrorCode.ConfigFileNotFound);
    return file;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const file = await this.get(principal, id);
    await this.dataSource.transaction(async (manager) => {
      // Its findings describe a file that is gone: they must not weigh on the score any longer.
      await manager.delete(Finding, { subjectId: id });
      await manager.delete(ConfigFile, { id });
      await this.audit.record(
        {
          action: 'config_file.delete',
          resourceType: 'config_file',
          resourceId: id,
          regionCode: file.establishment!.regionCode,
          establishmentId: file.establishmentId,
          changes: { entry: { from: file.entry } },
        },
        manager,
      );
    });
  }
}
