import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkFiness } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { jobIds, JobName } from '@vigie/contracts';
import {
  ConfigFile,
  recordScan,
  Assessment,
  AssessmentAnswer,
  Departement,
  Establishment,
  Ght,
  LegalEntity,
  User,
  UserEstablishment,
} from '@vigie/database';
import { CHECKS_VERSION, planScanTasks } from '@vigie/scan-checks';
import { applicableMeasures } from '@vigie/security-plan';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../outbox/outbox.service';
import { PlanRegistry } from '../security-plans/plan-registry.service';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { PrincipalCache, userSubject } from '../auth/principal-cache.service';
import {
  DEMO_CONFIGURATIONS,
  DEMO_DECLARED_ANSWERS,
  DEMO_ESTABLISHMENTS,
  DEMO_GHTS,
  DEMO_LEGAL_ENTITIES,
  DEMO_USERS,
} from './demo-data';
import { seedRegions } from './reference-data';

/** Reference data, the configured administrator and (on demand) the demo data, at every API start. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly plans: PlanRegistry,
    private readonly outbox: OutboxService,
    private readonly principals: PrincipalCache,
  ) {}

  async onApplicationBootstrap() {
    await this.dataSource.transaction((manager) => seedRegions(manager));
    if (this.config.admin) await this.ensureAdmin(this.config.admin.email, this.config.admin.password);
    if (this.config.demoData) await this.seedDemo();
  }

  /** ADMIN_EMAIL / ADMIN_PASSWORD always work after a start: the account is created, re-enabled or reset. */
  async ensureAdmin(email: string, password: string) {
    const existing = await this.dataSource.getRepository(User).findOne({ where: { email } });
    if (
      existing &&
      existing.role === 'national_admin' &&
      !existing.disabled &&
      (await verifyPassword(existing.passwordHash, password))
    ) {
      return;
    }
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const user =
        existing ??
        manager.create(User, {
          email,
          displayName: 'Administrateur national',
          passwordHash,
          role: 'national_admin',
        });
      Object.assign(user, {
        passwordHash,
        role: 'national_admin',
        regionCode: null,
        disabled: false,
        failedLoginCount: 0,
        lockedUntil: null,
      });
      await manager.save(user);
      await manager.delete(UserEstablishment, { userId: user.id });
      await this.audit.record(
        {
          action: existing ? 'user.admin_reset_from_environment' : 'user.admin_created_from_environment',
          resourceType: 'user',
          resourceId: user.id,
          changes: {
            email: { to: email },
            role: { to: 'national_admin' },
            passwordHash: { to: '[redacted]' },
          },
        },
        manager,
      );
    });
    if (existing) await this.principals.invalidate([userSubject(existing.id)]);
    this.logger.log(
      `National administrator ${email} ${existing ? 'reset' : 'created'} from ADMIN_EMAIL/ADMIN_PASSWORD`,
    );
  }

  async seedDemo() {
    const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
    await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(User, { where: { email: DEMO_USERS[0].email } })) return;
      const legalEntities = new Map<string, LegalEntity>();
      for (const item of DEMO_LEGAL_ENTITIES) {
        const location = await this.locate(manager, item.finess);
        const entity =
          (await manager.findOneBy(LegalEntity, { finess: item.finess })) ??
          manager.create(LegalEntity, { ...item, ...location });
        legalEntities.set(item.finess, await manager.save(entity));
      }
      const ghts = new Map<string, Ght>();
      for (const item of DEMO_GHTS) {
        const ght = (await manager.findOneBy(Ght, item)) ?? manager.create(Ght, item);
        ghts.set(item.name, await manager.save(ght));
      }
      const establishments = new Map<string, Establishment>();
      for (const item of DEMO_ESTABLISHMENTS) {
        const location = await this.locate(manager, item.finess);
        const existing = await manager.findOneBy(Establishment, { finess: item.finess });
        const establishment =
          existing ??
          manager.create(Establishment, {
            finess: item.finess,
            name: item.name,
            category: item.category,
            legalEntityId: legalEntities.get(item.legalEntityFiness)!.id,
            ghtId: item.ght ? ghts.get(item.ght)!.id : null,
            bedCount: item.bedCount,
            ...location,
          });
        establishments.set(item.finess, await manager.save(establishment));
      }
      for (const [index, item] of DEMO_USERS.entries()) {
        const user = await manager.save(
          manager.create(User, {
            email: item.email,
            displayName: item.displayName,
            passwordHash: hashes[index],
            role: item.role,
            regionCode: item.regionCode ?? null,
          }),
        );
        const links = (item.establishmentFiness ?? []).map((finess) => ({
          userId: user.id,
          establishmentId: establishments.get(finess)!.id,
        }));
        if (links.length > 0) await manager.insert(UserEstablishment, links);
      }
      await this.seedDemoAssessments(manager, establishments);
      await this.seedDemoConfigurations(manager, establishments);
      await this.audit.record({ action: 'demo.seeded', resourceType: 'demo' }, manager);
    });
  }

  /**
   * Submitted assessments for two demo establishments, so scores, tiers and actions show at once. The answers are
   * invented but plausible: a CHU ahead on governance, a CH still building its floor.
   */
  private async seedDemoAssessments(manager: EntityManager, establishments: Map<string, Establishment>) {
    await this.plans.ensureLoaded();
    const version = await this.plans.currentVersion();
    if (!version) return;
    const { plan } = await this.plans.get(version);
    for (const [finess, strength] of [
      ['750100125', 3],
      ['2A0000030', 2],
    ] as const) {
      const establishment = establishments.get(finess)!;
      const assessment = manager.create(Assessment, {
        establishmentId: establishment.id,
        planVersion: version,
        mode: 'full',
        profileCategory: establishment.category,
        profileBedCount: establishment.bedCount,
        status: 'submitted',
        createdById: null,
        submittedById: null,
        submittedAt: new Date(),
        copiedFromId: null,
      });
      await manager.save(assessment);
      const applicable = applicableMeasures(plan, {
        category: establishment.category,
        bedCount: establishment.bedCount,
        mode: 'full',
      });
      const declared = new Map(
        DEMO_DECLARED_ANSWERS.filter((a) => a.finess === finess).map((a) => [a.measureId, a] as const),
      );
      await manager.insert(
        AssessmentAnswer,
        applicable.map((m, i) => {
          const claim = declared.get(m.id);
          if (claim)
            return {
              assessmentId: assessment.id,
              measureId: m.id,
              status: 'level' as const,
              level: claim.level,
              reason: null,
              comment: claim.comment,
              revision: 1,
            };
          const level = Math.max(0, Math.min(4, strength + ((i * 7) % 5) - 2));
          return i % 17 === 5
            ? {
                assessmentId: assessment.id,
                measureId: m.id,
                status: 'dont_know' as const,
                level: null,
                reason: null,
                comment: null,
                revision: 1,
              }
            : {
                assessmentId: assessment.id,
                measureId: m.id,
                status: 'level' as const,
                level,
                reason: null,
                comment: 'Réponse de démonstration',
                revision: 1,
              };
        }),
      );
      await this.outbox.add(
        manager,
        JobName.ScoreAssessment,
        { version: 1, assessmentId: assessment.id, trigger: 'submit' },
        jobIds.scoreOnSubmit(assessment.id),
      );
    }
  }

  /** Uploaded demo configurations and the scan that audits them (sent through the outbox like any scan). */
  private async seedDemoConfigurations(manager: EntityManager, establishments: Map<string, Establishment>) {
    const byEstablishment = new Map<string, ConfigFile[]>();
    for (const item of DEMO_CONFIGURATIONS) {
      const establishmentId = establishments.get(item.finess)!.id;
      const files = JSON.stringify(item.files);
      const file = manager.create(ConfigFile, {
        establishmentId,
        kind: item.kind,
        label: item.label,
        entry: item.entry,
        files,
        sizeBytes: Buffer.byteLength(files),
        sha256: createHash('sha256').update(files).digest('hex'),
        uploadedById: null,
        createdAt: new Date(),
      });
      await manager.insert(ConfigFile, file);
      byEstablishment.set(establishmentId, [...(byEstablishment.get(establishmentId) ?? []), file]);
    }
    for (const [establishmentId, configFiles] of byEstablishment) {
      const scan = await recordScan(manager, {
        establishmentId,
        trigger: 'manual',
        requestedById: null,
        tasks: planScanTasks([], configFiles),
        checksVersion: CHECKS_VERSION,
      });
      await this.outbox.add(
        manager,
        JobName.RunScan,
        { version: 1, scanId: scan.id },
        jobIds.scanRun(scan.id),
      );
    }
  }

  private async locate(manager: EntityManager, finess: string) {
    const check = checkFiness(finess);
    if (!check.valid) throw new Error(`demo FINESS ${finess} is invalid: ${check.reason}`);
    const departement = await manager.findOneByOrFail(Departement, { code: check.departementCode });
    return { departementCode: departement.code, regionCode: departement.regionCode };
  }
}
