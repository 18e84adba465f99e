import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitSqlite1795426984951 implements MigrationInterface {
  name = 'InitSqlite1795426984951';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "region" ("code" varchar(3) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "arsName" varchar(120) NOT NULL, "overseas" boolean NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `CREATE TABLE "departement" ("code" varchar(3) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "regionCode" varchar(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4ff5361e28aa0a057afd778b53" ON "departement" ("regionCode") `);
    await queryRunner.query(
      `CREATE TABLE "ght" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "name" varchar(200) NOT NULL, "regionCode" varchar(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5e3fe66a3aa024eff52ae41340" ON "ght" ("regionCode", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "legal_entity" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "finess" varchar(9) NOT NULL, "name" varchar(200) NOT NULL, "legalStatus" varchar(32) NOT NULL, "regionCode" varchar(3) NOT NULL, "departementCode" varchar(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_889a931667243b2267559a7417" ON "legal_entity" ("finess") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ab6d9e5c663e5e0c9127389487" ON "legal_entity" ("regionCode") `,
    );
    await queryRunner.query(
      `CREATE TABLE "establishment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "finess" varchar(9) NOT NULL, "name" varchar(200) NOT NULL, "category" varchar(32) NOT NULL, "legalEntityId" varchar(36) NOT NULL, "regionCode" varchar(3) NOT NULL, "departementCode" varchar(3) NOT NULL, "ghtId" varchar(36), "bedCount" integer)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_171630b4f79d52ec1b184944ab" ON "establishment" ("finess") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f69d3f482739388e4695ec6646" ON "establishment" ("legalEntityId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_01a939d6fb96eb5617fdaaf9ac" ON "establishment" ("ghtId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_47b31085fa1174e2da109ba9bb" ON "establishment" ("regionCode", "category") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_establishment" ("userId" varchar(36) NOT NULL, "establishmentId" varchar(36) NOT NULL, PRIMARY KEY ("userId", "establishmentId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_145b0f60afa3889a1ac9fa6b07" ON "user_establishment" ("establishmentId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "email" varchar(254) NOT NULL, "displayName" varchar(200) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar(32) NOT NULL, "regionCode" varchar(3), "disabled" boolean NOT NULL DEFAULT (0), "failedLoginCount" integer NOT NULL DEFAULT (0), "lockedUntil" datetime, "lastLoginAt" datetime)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
    await queryRunner.query(`CREATE INDEX "IDX_bc14c38ac2af2e4f15ef51eea5" ON "user" ("regionCode") `);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "keyHash" varchar(64) NOT NULL, "createdById" varchar(36) NOT NULL, "access" varchar(16) NOT NULL, "regionCode" varchar(3), "establishmentId" varchar(36), "expiresAt" datetime, "revokedAt" datetime, "lastUsedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_76c1592a8ca784b7b66edfa35d" ON "api_key" ("createdById") `);
    await queryRunner.query(`CREATE INDEX "IDX_bfe2af18cce584be6a0356c7cf" ON "api_key" ("regionCode") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_94543432a42a997dbd066fa794" ON "api_key" ("establishmentId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "occurredAt" datetime NOT NULL DEFAULT (datetime('now')), "actorType" varchar(16) NOT NULL, "actorId" varchar(36), "actorLabel" varchar(254), "action" varchar(64) NOT NULL, "resourceType" varchar(40) NOT NULL, "resourceId" varchar(64), "regionCode" varchar(3), "establishmentId" varchar(36), "changes" text, "requestId" varchar(64), "ip" varchar(64))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_427668ea1a2d94fab0aa34e346" ON "audit_event" ("occurredAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_2b778fde3afc04ec59f83e29fa" ON "audit_event" ("actorId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_c01f735f06d3ce7eb4be0e17f5" ON "audit_event" ("establishmentId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f8ee63355efe4c057c278dfa63" ON "audit_event" ("resourceType", "resourceId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0d9d4251edc01df70192bc6411" ON "audit_event" ("regionCode", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "familyId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "consumedAt" datetime, "revokedAt" datetime, "revokedReason" varchar(40), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8e913e288156c133999341156a" ON "refresh_token" ("userId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b803086815f2d539fe7a0349d1" ON "refresh_token" ("familyId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_204f27bcee2b705b8230beaf41" ON "refresh_token" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c03a9271901099da2a840b0312" ON "refresh_token" ("expiresAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_4ff5361e28aa0a057afd778b53"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_departement" ("code" varchar(3) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "regionCode" varchar(3) NOT NULL, CONSTRAINT "FK_4ff5361e28aa0a057afd778b53f" FOREIGN KEY ("regionCode") REFERENCES "region" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_departement"("code", "name", "regionCode") SELECT "code", "name", "regionCode" FROM "departement"`,
    );
    await queryRunner.query(`DROP TABLE "departement"`);
    await queryRunner.query(`ALTER TABLE "temporary_departement" RENAME TO "departement"`);
    await queryRunner.query(`CREATE INDEX "IDX_4ff5361e28aa0a057afd778b53" ON "departement" ("regionCode") `);
    await queryRunner.query(`DROP INDEX "IDX_5e3fe66a3aa024eff52ae41340"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_ght" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "name" varchar(200) NOT NULL, "regionCode" varchar(3) NOT NULL, CONSTRAINT "FK_e70157368850c4a34b38a1d1107" FOREIGN KEY ("regionCode") REFERENCES "region" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_ght"("id", "createdAt", "updatedAt", "name", "regionCode") SELECT "id", "createdAt", "updatedAt", "name", "regionCode" FROM "ght"`,
    );
    await queryRunner.query(`DROP TABLE "ght"`);
    await queryRunner.query(`ALTER TABLE "temporary_ght" RENAME TO "ght"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5e3fe66a3aa024eff52ae41340" ON "ght" ("regionCode", "name") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_889a931667243b2267559a7417"`);
    await queryRunner.query(`DROP INDEX "IDX_ab6d9e5c663e5e0c9127389487"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_legal_entity" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "finess" varchar(9) NOT NULL, "name" varchar(200) NOT NULL, "legalStatus" varchar(32) NOT NULL, "regionCode" varchar(3) NOT NULL, "departementCode" varchar(3) NOT NULL, CONSTRAINT "FK_ab6d9e5c663e5e0c9127389487f" FOREIGN KEY ("regionCode") REFERENCES "region" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0d0d8751a52017f58b517d8119" FOREIGN KEY ("departementCode") REFERENCES "departement" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_legal_entity"("id", "createdAt", "updatedAt", "finess", "name", "legalStatus", "regionCode", "departementCode") SELECT "id", "createdAt", "updatedAt", "finess", "name", "legalStatus", "regionCode", "departementCode" FROM "legal_entity"`,
    );
    await queryRunner.query(`DROP TABLE "legal_entity"`);
    await queryRunner.query(`ALTER TABLE "temporary_legal_entity" RENAME TO "legal_entity"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_889a931667243b2267559a7417" ON "legal_entity" ("finess") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ab6d9e5c663e5e0c9127389487" ON "legal_entity" ("regionCode") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_171630b4f79d52ec1b184944ab"`);
    await queryRunner.query(`DROP INDEX "IDX_f69d3f482739388e4695ec6646"`);
    await queryRunner.query(`DROP INDEX "IDX_01a939d6fb96eb5617fdaaf9ac"`);
    await queryRunner.query(`DROP INDEX "IDX_47b31085fa1174e2da109ba9bb"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_establishment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "finess" varchar(9) NOT NULL, "name" varchar(200) NOT NULL, "category" varchar(32) NOT NULL, "legalEntityId" varchar(36) NOT NULL, "regionCode" varchar(3) NOT NULL, "departementCode" varchar(3) NOT NULL, "ghtId" varchar(36), "bedCount" integer, CONSTRAINT "FK_f69d3f482739388e4695ec6646c" FOREIGN KEY ("legalEntityId") REFERENCES "legal_entity" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_478f6217af4d911b31dac00bfbe" FOREIGN KEY ("regionCode") REFERENCES "region" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_90503c12c6d16b4ae3d439db6fc" FOREIGN KEY ("departementCode") REFERENCES "departement" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_01a939d6fb96eb5617fdaaf9ac0" FOREIGN KEY ("ghtId") REFERENCES "ght" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_establishment"("id", "createdAt", "updatedAt", "finess", "name", "category", "legalEntityId", "regionCode", "departementCode", "ghtId", "bedCount") SELECT "id", "createdAt", "updatedAt", "finess", "name", "category", "legalEntityId", "regionCode", "departementCode", "ghtId", "bedCount" FROM "establishment"`,
    );
    await queryRunner.query(`DROP TABLE "establishment"`);
    await queryRunner.query(`ALTER TABLE "temporary_establishment" RENAME TO "establishment"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_171630b4f79d52ec1b184944ab" ON "establishment" ("finess") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f69d3f482739388e4695ec6646" ON "establishment" ("legalEntityId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_01a939d6fb96eb5617fdaaf9ac" ON "establishment" ("ghtId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_47b31085fa1174e2da109ba9bb" ON "establishment" ("regionCode", "category") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_145b0f60afa3889a1ac9fa6b07"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_user_establishment" ("userId" varchar(36) NOT NULL, "establishmentId" varchar(36) NOT NULL, CONSTRAINT "FK_b1ad491bed94e6448a7d4a54c52" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_145b0f60afa3889a1ac9fa6b075" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("userId", "establishmentId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_user_establishment"("userId", "establishmentId") SELECT "userId", "establishmentId" FROM "user_establishment"`,
    );
    await queryRunner.query(`DROP TABLE "user_establishment"`);
    await queryRunner.query(`ALTER TABLE "temporary_user_establishment" RENAME TO "user_establishment"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_145b0f60afa3889a1ac9fa6b07" ON "user_establishment" ("establishmentId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
    await queryRunner.query(`DROP INDEX "IDX_bc14c38ac2af2e4f15ef51eea5"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_user" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "email" varchar(254) NOT NULL, "displayName" varchar(200) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar(32) NOT NULL, "regionCode" varchar(3), "disabled" boolean NOT NULL DEFAULT (0), "failedLoginCount" integer NOT NULL DEFAULT (0), "lockedUntil" datetime, "lastLoginAt" datetime, CONSTRAINT "FK_bc14c38ac2af2e4f15ef51eea5b" FOREIGN KEY ("regionCode") REFERENCES "region" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_user"("id", "createdAt", "updatedAt", "email", "displayName", "passwordHash", "role", "regionCode", "disabled", "failedLoginCount", "lockedUntil", "lastLoginAt") SELECT "id", "createdAt", "updatedAt", "email", "displayName", "passwordHash", "role", "regionCode", "disabled", "failedLoginCount", "lockedUntil", "lastLoginAt" FROM "user"`,
    );
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
    await queryRunner.query(`CREATE INDEX "IDX_bc14c38ac2af2e4f15ef51eea5" ON "user" ("regionCode") `);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`DROP INDEX "IDX_76c1592a8ca784b7b66edfa35d"`);
    await queryRunner.query(`DROP INDEX "IDX_bfe2af18cce584be6a0356c7cf"`);
    await queryRunner.query(`DROP INDEX "IDX_94543432a42a997dbd066fa794"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_api_key" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "keyHash" varchar(64) NOT NULL, "createdById" varchar(36) NOT NULL, "access" varchar(16) NOT NULL, "regionCode" varchar(3), "establishmentId" varchar(36), "expiresAt" datetime, "revokedAt" datetime, "lastUsedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_76c1592a8ca784b7b66edfa35d2" FOREIGN KEY ("createdById") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_bfe2af18cce584be6a0356c7cfb" FOREIGN KEY ("regionCode") REFERENCES "region" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_94543432a42a997dbd066fa794b" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_api_key"("id", "name", "prefix", "keyHash", "createdById", "access", "regionCode", "establishmentId", "expiresAt", "revokedAt", "lastUsedAt", "createdAt") SELECT "id", "name", "prefix", "keyHash", "createdById", "access", "regionCode", "establishmentId", "expiresAt", "revokedAt", "lastUsedAt", "createdAt" FROM "api_key"`,
    );
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`ALTER TABLE "temporary_api_key" RENAME TO "api_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_76c1592a8ca784b7b66edfa35d" ON "api_key" ("createdById") `);
    await queryRunner.query(`CREATE INDEX "IDX_bfe2af18cce584be6a0356c7cf" ON "api_key" ("regionCode") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_94543432a42a997dbd066fa794" ON "api_key" ("establishmentId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_8e913e288156c133999341156a"`);
    await queryRunner.query(`DROP INDEX "IDX_b803086815f2d539fe7a0349d1"`);
    await queryRunner.query(`DROP INDEX "IDX_204f27bcee2b705b8230beaf41"`);
    await queryRunner.query(`DROP INDEX "IDX_c03a9271901099da2a840b0312"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_refresh_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "familyId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "consumedAt" datetime, "revokedAt" datetime, "revokedReason" varchar(40), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_8e913e288156c133999341156ad" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_refresh_token"("id", "userId", "familyId", "tokenHash", "expiresAt", "consumedAt", "revokedAt", "revokedReason", "createdAt") SELECT "id", "userId", "familyId", "tokenHash", "expiresAt", "consumedAt", "revokedAt", "revokedReason", "createdAt" FROM "refresh_token"`,
    );
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`ALTER TABLE "temporary_refresh_token" RENAME TO "refresh_token"`);
    await queryRunner.query(`CREATE INDEX "IDX_8e913e288156c133999341156a" ON "refresh_token" ("userId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b803086815f2d539fe7a0349d1" ON "refresh_token" ("familyId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_204f27bcee2b705b8230beaf41" ON "refresh_token" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c03a9271901099da2a840b0312" ON "refresh_token" ("expiresAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c03a9271901099da2a840b0312"`);
    await queryRunner.query(`DROP INDEX "IDX_204f27bcee2b705b8230beaf41"`);
    await queryRunner.query(`DROP INDEX "IDX_b803086815f2d539fe7a0349d1"`);
    await queryRunner.query(`DROP INDEX "IDX_8e913e288156c133999341156a"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" RENAME TO "temporary_refresh_token"`);
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "familyId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "consumedAt" datetime, "revokedAt" datetime, "revokedReason" varchar(40), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "refresh_token"("id", "userId", "familyId", "tokenHash", "expiresAt", "consumedAt", "revokedAt", "revokedReason", "createdAt") SELECT "id", "userId", "familyId", "tokenHash", "expiresAt", "consumedAt", "revokedAt", "revokedReason", "createdAt" FROM "temporary_refresh_token"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_refresh_token"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_c03a9271901099da2a840b0312" ON "refresh_token" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_204f27bcee2b705b8230beaf41" ON "refresh_token" ("tokenHash") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b803086815f2d539fe7a0349d1" ON "refresh_token" ("familyId") `);
    await queryRunner.query(`CREATE INDEX "IDX_8e913e288156c133999341156a" ON "refresh_token" ("userId") `);
    await queryRunner.query(`DROP INDEX "IDX_94543432a42a997dbd066fa794"`);
    await queryRunner.query(`DROP INDEX "IDX_bfe2af18cce584be6a0356c7cf"`);
    await queryRunner.query(`DROP INDEX "IDX_76c1592a8ca784b7b66edfa35d"`);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`ALTER TABLE "api_key" RENAME TO "temporary_api_key"`);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "keyHash" varchar(64) NOT NULL, "createdById" varchar(36) NOT NULL, "access" varchar(16) NOT NULL, "regionCode" varchar(3), "establishmentId" varchar(36), "expiresAt" datetime, "revokedAt" datetime, "lastUsedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "api_key"("id", "name", "prefix", "keyHash", "createdById", "access", "regionCode", "establishmentId", "expiresAt", "revokedAt", "lastUsedAt", "createdAt") SELECT "id", "name", "prefix", "keyHash", "createdById", "access", "regionCode", "establishmentId", "expiresAt", "revokedAt", "lastUsedAt", "createdAt" FROM "temporary_api_key"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_api_key"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_94543432a42a997dbd066fa794" ON "api_key" ("establishmentId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bfe2af18cce584be6a0356c7cf" ON "api_key" ("regionCode") `);
    await queryRunner.query(`CREATE INDEX "IDX_76c1592a8ca784b7b66edfa35d" ON "api_key" ("createdById") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`DROP INDEX "IDX_bc14c38ac2af2e4f15ef51eea5"`);
    await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
    await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
    await queryRunner.query(
      `CREATE TABLE "user" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "email" varchar(254) NOT NULL, "displayName" varchar(200) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar(32) NOT NULL, "regionCode" varchar(3), "disabled" boolean NOT NULL DEFAULT (0), "failedLoginCount" integer NOT NULL DEFAULT (0), "lockedUntil" datetime, "lastLoginAt" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "user"("id", "createdAt", "updatedAt", "email", "displayName", "passwordHash", "role", "regionCode", "disabled", "failedLoginCount", "lockedUntil", "lastLoginAt") SELECT "id", "createdAt", "updatedAt", "email", "displayName", "passwordHash", "role", "regionCode", "disabled", "failedLoginCount", "lockedUntil", "lastLoginAt" FROM "temporary_user"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_user"`);
    await queryRunner.query(`CREATE INDEX "IDX_bc14c38ac2af2e4f15ef51eea5" ON "user" ("regionCode") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
    await queryRunner.query(`DROP INDEX "IDX_145b0f60afa3889a1ac9fa6b07"`);
    await queryRunner.query(`ALTER TABLE "user_establishment" RENAME TO "temporary_user_establishment"`);
    await queryRunner.query(
      `CREATE TABLE "user_establishment" ("userId" varchar(36) NOT NULL, "establishmentId" varchar(36) NOT NULL, PRIMARY KEY ("userId", "establishmentId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "user_establishment"("userId", "establishmentId") SELECT "userId", "establishmentId" FROM "temporary_user_establishment"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_user_establishment"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_145b0f60afa3889a1ac9fa6b07" ON "user_establishment" ("establishmentId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_47b31085fa1174e2da109ba9bb"`);
    await queryRunner.query(`DROP INDEX "IDX_01a939d6fb96eb5617fdaaf9ac"`);
    await queryRunner.query(`DROP INDEX "IDX_f69d3f482739388e4695ec6646"`);
    await queryRunner.query(`DROP INDEX "IDX_171630b4f79d52ec1b184944ab"`);
    await queryRunner.query(`ALTER TABLE "establishment" RENAME TO "temporary_establishment"`);
    await queryRunner.query(
      `CREATE TABLE "establishment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "finess" varchar(9) NOT NULL, "name" varchar(200) NOT NULL, "category" varchar(32) NOT NULL, "legalEntityId" varchar(36) NOT NULL, "regionCode" varchar(3) NOT NULL, "departementCode" varchar(3) NOT NULL, "ghtId" varchar(36), "bedCount" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "establishment"("id", "createdAt", "updatedAt", "finess", "name", "category", "legalEntityId", "regionCode", "departementCode", "ghtId", "bedCount") SELECT "id", "createdAt", "updatedAt", "finess", "name", "category", "legalEntityId", "regionCode", "departementCode", "ghtId", "bedCount" FROM "temporary_establishment"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_establishment"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_47b31085fa1174e2da109ba9bb" ON "establishment" ("regionCode", "category") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_01a939d6fb96eb5617fdaaf9ac" ON "establishment" ("ghtId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_f69d3f482739388e4695ec6646" ON "establishment" ("legalEntityId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_171630b4f79d52ec1b184944ab" ON "establishment" ("finess") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_ab6d9e5c663e5e0c9127389487"`);
    await queryRunner.query(`DROP INDEX "IDX_889a931667243b2267559a7417"`);
    await queryRunner.query(`ALTER TABLE "legal_entity" RENAME TO "temporary_legal_entity"`);
    await queryRunner.query(
      `CREATE TABLE "legal_entity" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "finess" varchar(9) NOT NULL, "name" varchar(200) NOT NULL, "legalStatus" varchar(32) NOT NULL, "regionCode" varchar(3) NOT NULL, "departementCode" varchar(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "legal_entity"("id", "createdAt", "updatedAt", "finess", "name", "legalStatus", "regionCode", "departementCode") SELECT "id", "createdAt", "updatedAt", "finess", "name", "legalStatus", "regionCode", "departementCode" FROM "temporary_legal_entity"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_legal_entity"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_ab6d9e5c663e5e0c9127389487" ON "legal_entity" ("regionCode") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_889a931667243b2267559a7417" ON "legal_entity" ("finess") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_5e3fe66a3aa024eff52ae41340"`);
    await queryRunner.query(`ALTER TABLE "ght" RENAME TO "temporary_ght"`);
    await queryRunner.query(
      `CREATE TABLE "ght" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "name" varchar(200) NOT NULL, "regionCode" varchar(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "ght"("id", "createdAt", "updatedAt", "name", "regionCode") SELECT "id", "createdAt", "updatedAt", "name", "regionCode" FROM "temporary_ght"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_ght"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5e3fe66a3aa024eff52ae41340" ON "ght" ("regionCode", "name") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_4ff5361e28aa0a057afd778b53"`);
    await queryRunner.query(`ALTER TABLE "departement" RENAME TO "temporary_departement"`);
    await queryRunner.query(
      `CREATE TABLE "departement" ("code" varchar(3) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "regionCode" varchar(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "departement"("code", "name", "regionCode") SELECT "code", "name", "regionCode" FROM "temporary_departement"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_departement"`);
    await queryRunner.query(`CREATE INDEX "IDX_4ff5361e28aa0a057afd778b53" ON "departement" ("regionCode") `);
    await queryRunner.query(`DROP INDEX "IDX_c03a9271901099da2a840b0312"`);
    await queryRunner.query(`DROP INDEX "IDX_204f27bcee2b705b8230beaf41"`);
    await queryRunner.query(`DROP INDEX "IDX_b803086815f2d539fe7a0349d1"`);
    await queryRunner.query(`DROP INDEX "IDX_8e913e288156c133999341156a"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "IDX_0d9d4251edc01df70192bc6411"`);
    await queryRunner.query(`DROP INDEX "IDX_f8ee63355efe4c057c278dfa63"`);
    await queryRunner.query(`DROP INDEX "IDX_c01f735f06d3ce7eb4be0e17f5"`);
    await queryRunner.query(`DROP INDEX "IDX_2b778fde3afc04ec59f83e29fa"`);
    await queryRunner.query(`DROP INDEX "IDX_427668ea1a2d94fab0aa34e346"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP INDEX "IDX_94543432a42a997dbd066fa794"`);
    await queryRunner.query(`DROP INDEX "IDX_bfe2af18cce584be6a0356c7cf"`);
    await queryRunner.query(`DROP INDEX "IDX_76c1592a8ca784b7b66edfa35d"`);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "IDX_bc14c38ac2af2e4f15ef51eea5"`);
    await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`DROP INDEX "IDX_145b0f60afa3889a1ac9fa6b07"`);
    await queryRunner.query(`DROP TABLE "user_establishment"`);
    await queryRunner.query(`DROP INDEX "IDX_47b31085fa1174e2da109ba9bb"`);
    await queryRunner.query(`DROP INDEX "IDX_01a939d6fb96eb5617fdaaf9ac"`);
    await queryRunner.query(`DROP INDEX "IDX_f69d3f482739388e4695ec6646"`);
    await queryRunner.query(`DROP INDEX "IDX_171630b4f79d52ec1b184944ab"`);
    await queryRunner.query(`DROP TABLE "establishment"`);
    await queryRunner.query(`DROP INDEX "IDX_ab6d9e5c663e5e0c9127389487"`);
    await queryRunner.query(`DROP INDEX "IDX_889a931667243b2267559a7417"`);
    await queryRunner.query(`DROP TABLE "legal_entity"`);
    await queryRunner.query(`DROP INDEX "IDX_5e3fe66a3aa024eff52ae41340"`);
    await queryRunner.query(`DROP TABLE "ght"`);
    await queryRunner.query(`DROP INDEX "IDX_4ff5361e28aa0a057afd778b53"`);
    await queryRunner.query(`DROP TABLE "departement"`);
    await queryRunner.query(`DROP TABLE "region"`);
  }
}
