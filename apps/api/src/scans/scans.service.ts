import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { jobIds, JobName } from '@vigie/contracts';
import { Asset, ConfigFile, createScan, Finding, Scan, ScanFinding, ScanTask } from '@vigie/database';
import { CHECKS_VERSION, planScanTasks } from '@vigie/scan-checks';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import { whereEstablishmentInScope } from '../common/authz/tenant-scope';
import { EstablishmentsService } from '../establishments/establishments.service';
import { OutboxService } from '../outbox/outbox.service';
import type { CreateScanDto, FindingQueryDto, ScanFindingQueryDto } from './dto/scan.dto';
import type { PageQueryDto } from '../common/pagination.dto';

@Injectable()
export class ScansService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly establishments: EstablishmentsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Queues a scan of verified assets and/or uploaded configurations. The job goes through the outbox in the same
   * transaction, so a scan accepted while Redis is down still runs once it is back.
   */
  async create(principal: Principal, establishmentId: string, body: CreateScanDto): Promise<Scan> {
    const establishment = await this.establishments.get(principal, establishmentId);
    const scan = await this.dataSource.transaction(async (manager) => {
      const { assets, configFiles } = await this.subjects(manager, establishmentId, body);
      const recorded = await createScan(
        manager,
        {
          establishmentId,
          trigger: 'manual',
          requestedById: principal.kind === 'user' ? principal.id : null,
          tasks: planScanTasks(assets, configFiles),
          checksVersion: CHECKS_VERSION,
        },
        this.config.scan.maxPerEstablishment,
      );
      await this.outbox.add(
        manager,
        JobName.RunScan,
        { version: 1, scanId: recorded.id },
        jobIds.scanRun(recorded.id),
      );
      await this.audit.record(
        {
          action: 'scan.create',
          resourceType: 'scan',
          resourceId: recorded.id,
          regionCode: establishment.regionCode,
          establishmentId,
          changes: {
            assets: { to: assets.map((a) => a.value) },
            configFiles: { to: configFiles.map((f) => f.entry) },
          },
        },
        manager,
      );
      return recorded;
    });
    // Best effort: if Redis is down now, the outbox poller sends the job when it is back.
    await this.outbox.dispatchPending().catch(() => undefined);
    return scan;
  }

  /** What the scan covers; anything not verified or not the establishment's is refused, with what and why. */
  private async subjects(manager: EntityManager, establishmentId: string, body: CreateScanDto) {
    const everything = !body.assetIds && !body.configFileIds;
    let assets: Asset[] = [];
    if (everything) {
      assets = await manager.find(Asset, {
        where: { establishmentId, verifiedAt: Not(IsNull()) },
        order: { value: 'ASC' },
      });
      if (assets.length === 0)
        throw new DomainError(
          ErrorCode.ScanNothingToScan,
          'This establishment has no verified asset to scan: verify an asset first (DNS TXT record, well-known file, or an analyst vouching)',
        );
    } else if (body.assetIds && body.assetIds.length > 0) {
      assets = await manager.find(Asset, { where: { establishmentId, id: In(body.assetIds) } });
      const found = new Set(assets.map((a) => a.id));
      const unknown = body.assetIds.filter((id) => !found.has(id));
      if (unknown.length > 0)
        throw new DomainError(
          ErrorCode.ScanSubjectInvalid,
          'Some assets are not assets of this establishment',
          unknown.map((id) => ({
            field: 'assetIds',
            problem: `${id} is not an asset of this establishment`,
          })),
        );
      const unverified = assets.filter((a) => a.verifiedAt === null);
      if (unverified.length > 0)
        throw new DomainError(
          ErrorCode.ScanSubjectInvalid,
          'Only verified assets are scanned',
          unverified.map((a) => ({ field: 'assetIds', problem: `${a.value} (${a.id}) is not verified yet` })),
        );
    }
    let configFiles: ConfigFile[] = [];
    if (body.configFileIds && body.configFileIds.length > 0) {
      configFiles = await manager.find(ConfigFile, {
        select: { id: true, entry: true, establishmentId: true },
        where: { establishmentId, id: In(body.configFileIds) },
      });
      const found = new Set(configFiles.map((f) => f.id));
      const unknown = body.configFileIds.filter((id) => !found.has(id));
      if (unknown.length > 0)
        throw new DomainError(
          ErrorCode.ScanSubjectInvalid,
          'Some configuration files are not files of this establishment',
          unknown.map((id) => ({
            field: 'configFileIds',
            problem: `${id} is not a configuration of this establishment`,
          })),
        );
    }
    // In the order asked for, which is the order of the tasks and of the results.
    const order = (ids: string[] | undefined) => (id: string) => ids?.indexOf(id) ?? 0;
    const assetOrder = order(body.assetIds);
    const fileOrder = order(body.configFileIds);
    if (body.assetIds) assets.sort((a, b) => assetOrder(a.id) - assetOrder(b.id));
    configFiles.sort((a, b) => fileOrder(a.id) - fileOrder(b.id));
    if (assets.length === 0 && configFiles.length === 0)
      throw new DomainError(
        ErrorCode.ScanNothingToScan,
        'Nothing to scan: give assetIds or configFileIds, or neither to scan every verified asset',
      );
    return { assets, configFiles };
  }

  async list(principal: Principal, establishmentId: string, query: PageQueryDto) {
    await this.establishments.get(principal, establishmentId);
    return this.dataSource.getRepository(Scan).findAndCount({
      where: { establishmentId },
      order: { createdAt: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
  }

  async get(principal: Principal, id: string): Promise<Scan> {
    const qb = this.dataSource
      .getRepository(Scan)
      .createQueryBuilder('s')
      .innerJoin('s.establishment', 'e')
      .where('s.id = :id', { id });
    const scan = await whereEstablishmentInScope(qb, 'e', principal).getOne();
    if (!scan) throw notFound('Scan', id, ErrorCode.ScanNotFound);
    return scan;
  }

  tasks(scanId: string): Promise<ScanTask[]> {
    return this.dataSource.getRepository(ScanTask).find({
      select: {
        id: true,
        subjectType: true,
        subjectId: true,
        family: true,
        target: true,
        status: true,
        error: true,
        attempts: true,
        findingCount: true,
        durationMs: true,
        grade: true,
        checkVersion: true,
        details: true,
      },
      where: { scanId },
      order: { position: 'ASC' },
    });
  }

  async scanFindings(principal: Principal, scanId: string, query: ScanFindingQueryDto) {
    const scan = await this.get(principal, scanId);
    const qb = this.dataSource
      .getRepository(ScanFinding)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.finding', 'f')
      .where('l.scanId = :scanId', { scanId });
    if (query.change) qb.andWhere('l.change = :change', { change: query.change });
    if (query.severity) qb.andWhere('f.severity = :severity', { severity: query.severity });
    return qb
      .orderBy('l.change', 'ASC')
      .addOrderBy('f.checkId', 'ASC')
      .addOrderBy('f.target', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount()
      .then(([links, total]) => ({ scan, links, total }));
  }

  /** One finding, if the principal may see its establishment; 404 otherwise, as for a finding that does not exist. */
  async finding(principal: Principal, id: string): Promise<Finding> {
    const qb = this.dataSource
      .getRepository(Finding)
      .createQueryBuilder('f')
      .innerJoin('f.establishment', 'e')
      .where('f.id = :id', { id });
    const finding = await whereEstablishmentInScope(qb, 'e', principal).getOne();
    if (!finding) throw notFound('Finding', id, ErrorCode.FindingNotFound);
    return finding;
  }

  async findings(principal: Principal, establishmentId: string, query: FindingQueryDto) {
    await this.establishments.get(principal, establishmentId);
    const qb = this.dataSource
      .getRepository(Finding)
      .createQueryBuilder('f')
      .where('f.establishmentId = :establishmentId', { establishmentId });
    if (query.status !== 'all') qb.andWhere('f.status = :status', { status: query.status });
    if (query.severity) qb.andWhere('f.severity = :severity', { severity: query.severity });
    if (query.family) qb.andWhere('f.family = :family', { family: query.family });
    if (query.subjectId) qb.andWhere('f.subjectId = :subjectId', { subjectId: query.subjectId });
    if (query.checkId)
      qb.andWhere('(f.checkId = :checkId OR f.checkId LIKE :checkPrefix)', {
        checkId: query.checkId,
        checkPrefix: `${query.checkId}.%`,
      });
    // Most severe first: the order a CISO works in.
    qb.orderBy(
      "CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END",
      'ASC',
    )
      .addOrderBy('f.checkId', 'ASC')
      .addOrderBy('f.target', 'ASC');
    return qb.take(query.limit).skip(query.offset).getManyAndCount();
  }
}
