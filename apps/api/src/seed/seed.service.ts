import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkFiness } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { Departement, Establishment, Ght, LegalEntity, User, UserEstablishment } from '@vigie/database';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { DEMO_ESTABLISHMENTS, DEMO_GHTS, DEMO_LEGAL_ENTITIES, DEMO_USERS } from './demo-data';
import { seedRegions } from './reference-data';

/** Reference data, the configured administrator and (on demand) the demo data, at every API start. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
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
      await this.audit.record({ action: 'demo.seeded', resourceType: 'demo' }, manager);
    });
  }

  private async locate(manager: EntityManager, finess: string) {
    const check = checkFiness(finess);
    if (!check.valid) throw new Error(`demo FINESS ${finess} is invalid: ${check.reason}`);
    const departement = await manager.findOneByOrFail(Departement, { code: check.departementCode });
    return { departementCode: departement.code, regionCode: departement.regionCode };
  }
}
