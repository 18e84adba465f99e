import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { jobIds, JobName } from '@vigie/contracts';
import { SecurityPlanVersion } from '@vigie/database';
import { compareVersions, loadPlanDirectory, planHash, type SecurityPlan } from '@vigie/security-plan';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { PageQueryDto } from '../common/pagination.dto';
import { OutboxService } from '../outbox/outbox.service';

/** Keeps the database in step with config/security-plan and answers which version is current. */
@Injectable()
export class PlanRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlanRegistry.name);
  private readonly parsed = new Map<string, SecurityPlan>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  private loading?: Promise<void>;

  onApplicationBootstrap(): Promise<void> {
    return this.ensureLoaded();
  }

  /** Files are validated at start; a published version whose file changed stops the API (plans are immutable). */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load() {
    const plans = loadPlanDirectory(this.config.securityPlan.directory);
    const repo = this.dataSource.getRepository(SecurityPlanVersion);
    for (const plan of plans) {
      const hash = planHash(plan);
      const stored = await repo.findOneBy({ version: plan.version });
      if (stored && stored.contentHash !== hash) {
        throw new Error(
          `Security plan ${plan.version} in config/security-plan differs from the version already published: published plans are immutable, write the changes as a new version file`,
        );
      }
      if (!stored) {
        await repo.insert({
          version: plan.version,
          title: plan.title,
          status: 'published',
          source: 'file',
          contentHash: hash,
          content: JSON.stringify(plan),
          publishedAt: new Date(`${plan.publishedAt}T00:00:00Z`),
        });
        this.logger.log(`Security plan ${plan.version} loaded from config/security-plan`);
      }
    }
    const current = await this.currentVersion();
    if (this.config.securityPlan.currentVersion && current !== this.config.securityPlan.currentVersion) {
      throw new Error(
        `SECURITY_PLAN_VERSION=${this.config.securityPlan.currentVersion} is not a published plan version`,
      );
    }
  }

  /** SECURITY_PLAN_VERSION when set, else the latest published version. */
  async currentVersion(): Promise<string | null> {
    const published = await this.dataSource
      .getRepository(SecurityPlanVersion)
      .find({ where: { status: 'published' }, select: { version: true } });
    const wanted = this.config.securityPlan.currentVersion;
    if (wanted) return published.some((p) => p.version === wanted) ? wanted : null;
    return (
      published
        .map((p) => p.version)
        .sort(compareVersions)
        .at(-1) ?? null
    );
  }

  async get(version: string): Promise<{ row: SecurityPlanVersion; plan: SecurityPlan }> {
    const row = await this.dataSource.getRepository(SecurityPlanVersion).findOneBy({ version });
    if (!row) throw notFound('Security plan version', version, ErrorCode.SecurityPlanNotFound);
    let plan = this.parsed.get(`${version}:${row.contentHash}`);
    if (!plan) {
      plan = JSON.parse(row.content) as SecurityPlan;
      this.parsed.set(`${version}:${row.contentHash}`, plan);
    }
    return { row, plan };
  }

  list(query: PageQueryDto) {
    return this.dataSource
      .getRepository(SecurityPlanVersion)
      .findAndCount({ order: { version: 'ASC' }, take: query.limit, skip: query.offset });
  }

  /** A new version from an administrator, as a draft until published. */
  async create(plan: SecurityPlan): Promise<SecurityPlanVersion> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(SecurityPlanVersion, { where: { version: plan.version } })) {
        throw new DomainError(
          ErrorCode.SecurityPlanVersionExists,
          `Security plan version ${plan.version} already exists: versions are immutable, use a new version number`,
        );
      }
      const row = manager.create(SecurityPlanVersion, {
        version: plan.version,
        title: plan.title,
        status: 'draft',
        source: 'api',
        contentHash: planHash(plan),
        content: JSON.stringify(plan),
        publishedAt: null,
      });
      await manager.save(row);
      await this.audit.record(
        {
          action: 'security_plan.create',
          resourceType: 'security_plan',
          resourceId: plan.version,
          changes: { version: { to: plan.version }, measures: { to: plan.measures.length } },
        },
        manager,
      );
      return row;
    });
  }

  /** Publishing freezes the version and rescores every establishment (identical inputs keep their snapshot). */
  async publish(version: string, requestedBy: string): Promise<SecurityPlanVersion> {
    const row = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(SecurityPlanVersion, { version });
      if (!found) throw notFound('Security plan version', version, ErrorCode.SecurityPlanNotFound);
      if (found.status === 'published')
        throw new DomainError(
          ErrorCode.SecurityPlanAlreadyPublished,
          `Security plan ${version} is already published`,
        );
      found.status = 'published';
      found.publishedAt = new Date();
      await manager.save(found);
      await this.audit.record(
        {
          action: 'security_plan.publish',
          resourceType: 'security_plan',
          resourceId: version,
          changes: { status: { from: 'draft', to: 'published' } },
        },
        manager,
      );
      await this.outbox.add(
        manager,
        JobName.RescoreAll,
        { version: 1, trigger: 'plan_published', requestedBy },
        jobIds.rescoreAllForPlan(version),
      );
      return found;
    });
    await this.outbox.dispatchPending().catch(() => undefined);
    return row;
  }
}
