import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { Asset, Finding } from '@vigie/database';
import { addressResolver, guardedGet, parseNetworks, type Resolver, txtRecords } from '@vigie/net-guard';
import type { BlockList } from 'node:net';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import type { PageQueryDto } from '../common/pagination.dto';
import { whereEstablishmentInScope } from '../common/authz/tenant-scope';
import { EstablishmentsService } from '../establishments/establishments.service';
import { firstScheduledScan } from '@vigie/scan-checks';
import { dnsNameOf, normalizeAssetValue, wellKnownUrls } from './asset-value';
import type { CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';

const verificationFailed = (message: string) =>
  new DomainError(ErrorCode.AssetVerificationFailed, `Ownership not verified: ${message}`);

@Injectable()
export class AssetsService {
  private readonly allowed: BlockList;
  private readonly resolver: Resolver | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly establishments: EstablishmentsService,
    private readonly audit: AuditService,
  ) {
    this.allowed = parseNetworks(config.scan.allowedNetworks).block;
    this.resolver = addressResolver(config.scan.dnsServers);
  }

  async list(principal: Principal, establishmentId: string, query: PageQueryDto) {
    await this.establishments.get(principal, establishmentId);
    return this.dataSource.getRepository(Asset).findAndCount({
      where: { establishmentId },
      order: { kind: 'ASC', value: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
  }

  async get(principal: Principal, id: string) {
    const qb = this.dataSource
      .getRepository(Asset)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.establishment', 'e')
      .where('a.id = :id', { id });
    const asset = await whereEstablishmentInScope(qb, 'e', principal).getOne();
    if (!asset) throw notFound('Asset', id, ErrorCode.AssetNotFound);
    return asset;
  }

  async create(principal: Principal, establishmentId: string, body: CreateAssetDto): Promise<Asset> {
    const establishment = await this.establishments.get(principal, establishmentId);
    const value = normalizeAssetValue(body.kind, body.value, this.allowed);
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(Asset, {
        where: { establishmentId, kind: body.kind, value },
        select: { id: true },
      });
      if (existing)
        throw new DomainError(ErrorCode.AssetDuplicate, `This establishment already registered ${value}`, [
          { field: 'value', problem: `${value} is already asset ${existing.id}` },
        ]);
      const asset = manager.create(Asset, {
        establishmentId,
        kind: body.kind,
        value,
        verificationToken: randomBytes(16).toString('hex'),
        verifiedAt: null,
        verificationMethod: null,
        verifiedById: null,
        dkimSelectors: (body.dkimSelectors ?? []).join(','),
        createdById: principal.kind === 'user' ? principal.id : null,
      });
      await manager.save(asset);
      await this.audit.record(
        {
          action: 'asset.create',
          resourceType: 'asset',
          resourceId: asset.id,
          regionCode: establishment.regionCode,
          establishmentId,
          changes: { kind: { to: asset.kind }, value: { to: value } },
        },
        manager,
      );
      return asset;
    });
  }

  /** DKIM selectors are the only thing that changes on an asset; its value is its identity. */
  async update(principal: Principal, id: string, body: UpdateAssetDto): Promise<Asset> {
    const asset = await this.get(principal, id);
    if (body.kind !== undefined || body.value !== undefined)
      throw new DomainError(
        ErrorCode.AssetImmutable,
        'The kind and value of an asset cannot change: delete it and register the new one',
      );
    const dkimSelectors = (body.dkimSelectors ?? []).join(',');
    return this.dataSource.transaction(async (manager) => {
      await manager.update(Asset, { id }, { dkimSelectors });
      await this.audit.record(
        {
          action: 'asset.update',
          resourceType: 'asset',
          resourceId: id,
          regionCode: asset.establishment!.regionCode,
          establishmentId: asset.establishmentId,
          changes: { dkimSelectors: { from: asset.dkimSelectors, to: dkimSelectors } },
        },
        manager,
      );
      return manager.findOneByOrFail(Asset, { id });
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const asset = await this.get(principal, id);
    await this.dataSource.transaction(async (manager) => {
      // Its findings describe an asset no longer followed: they must not weigh on the score any longer.
      await manager.delete(Finding, { subjectId: id });
      await manager.delete(Asset, { id });
      await this.audit.record(
        {
          action: 'asset.delete',
          resourceType: 'asset',
          resourceId: id,
          regionCode: asset.establishment!.regionCode,
          establishmentId: asset.establishmentId,
          changes: { value: { from: asset.value } },
        },
        manager,
      );
    });
  }

  /** Checks the DNS TXT record or the well-known file now; the asset becomes scannable when one matches. */
  async verify(principal: Principal, id: string, method: 'dns_txt' | 'well_known'): Promise<Asset> {
    const asset = await this.get(principal, id);
    const expected = `vigie-verification=${asset.verificationToken}`;
    if (method === 'dns_txt') {
      const name = dnsNameOf(asset.kind, asset.value);
      if (!name)
        throw new DomainError(
          ErrorCode.AssetNoDnsName,
          'An IP address has no DNS name to hold a TXT record: use well_known, or ask the regional analyst to vouch for it',
        );
      let records: string[];
      try {
        records = await txtRecords(name, this.config.scan.dnsServers);
      } catch (error) {
        throw verificationFailed(`the DNS lookup of ${name} failed (${(error as Error).message})`);
      }
      if (!records.includes(expected)) {
        throw verificationFailed(
          `no TXT record "${expected}" at ${name} (found ${records.length} TXT record${records.length === 1 ? '' : 's'})`,
        );
      }
    } else {
      const attempts: string[] = [];
      let found = false;
      for (const url of wellKnownUrls(asset.kind, asset.value)) {
        try {
          const response = await guardedGet(url, {
            allowed: this.allowed,
            maxBytes: 4096,
            resolver: this.resolver,
          });
          const body = response.body.trim();
          if (response.status === 200 && (body === asset.verificationToken || body === expected)) {
            found = true;
            break;
          }
          attempts.push(
            `${url}: HTTP ${response.status}${response.status === 200 ? ', content does not match the token' : ''}`,
          );
        } catch (error) {
          attempts.push(`${url}: ${(error as Error).message}`);
        }
      }
      if (!found) throw verificationFailed(attempts.join('; '));
    }
    return this.markVerified(principal, asset, method);
  }

  /** A regional analyst (or an admin) vouches for an asset they know belongs to the establishment. */
  async vouch(principal: Principal, id: string, reason: string): Promise<Asset> {
    const asset = await this.get(principal, id);
    return this.markVerified(principal, asset, 'vouched', reason);
  }

  private async markVerified(
    principal: Principal,
    asset: Asset,
    method: 'dns_txt' | 'well_known' | 'vouched',
    reason?: string,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const verifiedAt = new Date();
      await manager.update(
        Asset,
        { id: asset.id },
        {
          verifiedAt,
          verificationMethod: method,
          verifiedById: principal.kind === 'user' ? principal.id : null,
          nextScanAt:
            asset.nextScanAt ?? firstScheduledScan(asset.id, verifiedAt, this.config.scan.intervalDays),
        },
      );
      await this.audit.record(
        {
          action: method === 'vouched' ? 'asset.vouch' : 'asset.verify',
          resourceType: 'asset',
          resourceId: asset.id,
          regionCode: asset.establishment!.regionCode,
          establishmentId: asset.establishmentId,
          changes: {
            verificationMethod: { from: asset.verificationMethod, to: method },
            ...(reason ? { reason: { to: reason } } : {}),
          },
        },
        manager,
      );
      return manager.findOneByOrFail(Asset, { id: asset.id });
    });
  }
}
