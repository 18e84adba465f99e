import { MigrationInterface, QueryRunner } from 'typeorm';

export class AssetReachabilitySqlite1796321315409 implements MigrationInterface {
  name = 'AssetReachabilitySqlite1796321315409';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_8419cc6dbd518fc9cc2bc5c6e7"`);
    await queryRunner.query(`DROP INDEX "IDX_ef67a719d5fee3df133b771364"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_asset" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "establishmentId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "value" varchar(2048) NOT NULL, "verificationToken" varchar(64) NOT NULL, "verifiedAt" datetime, "verificationMethod" varchar(16), "verifiedById" varchar(36), "createdById" varchar(36), "dkimSelectors" varchar(500) NOT NULL DEFAULT (''), "lastScannedAt" datetime, "nextScanAt" datetime, "reachability" varchar(16) NOT NULL DEFAULT ('unknown'), "lastReachedAt" datetime, "unreachableScans" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_57c741828b9d7383241bf275fcd" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f2c6418dafad6320f1cd28680fa" FOREIGN KEY ("verifiedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_241dade2fac8b388e19dc83f162" FOREIGN KEY ("createdById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_asset"("id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById", "dkimSelectors", "lastScannedAt", "nextScanAt") SELECT "id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById", "dkimSelectors", "lastScannedAt", "nextScanAt" FROM "asset"`,
    );
    await queryRunner.query(`DROP TABLE "asset"`);
    await queryRunner.query(`ALTER TABLE "temporary_asset" RENAME TO "asset"`);
    await queryRunner.query(`CREATE INDEX "IDX_8419cc6dbd518fc9cc2bc5c6e7" ON "asset" ("nextScanAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ef67a719d5fee3df133b771364" ON "asset" ("establishmentId", "kind", "value") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_ef67a719d5fee3df133b771364"`);
    await queryRunner.query(`DROP INDEX "IDX_8419cc6dbd518fc9cc2bc5c6e7"`);
    await queryRunner.query(`ALTER TABLE "asset" RENAME TO "temporary_asset"`);
    await queryRunner.query(
      `CREATE TABLE "asset" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "establishmentId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "value" varchar(2048) NOT NULL, "verificationToken" varchar(64) NOT NULL, "verifiedAt" datetime, "verificationMethod" varchar(16), "verifiedById" varchar(36), "createdById" varchar(36), "dkimSelectors" varchar(500) NOT NULL DEFAULT (''), "lastScannedAt" datetime, "nextScanAt" datetime, CONSTRAINT "FK_57c741828b9d7383241bf275fcd" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f2c6418dafad6320f1cd28680fa" FOREIGN KEY ("verifiedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_241dade2fac8b388e19dc83f162" FOREIGN KEY ("createdById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "asset"("id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById", "dkimSelectors", "lastScannedAt", "nextScanAt") SELECT "id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById", "dkimSelectors", "lastScannedAt", "nextScanAt" FROM "temporary_asset"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_asset"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ef67a719d5fee3df133b771364" ON "asset" ("establishmentId", "kind", "value") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8419cc6dbd518fc9cc2bc5c6e7" ON "asset" ("nextScanAt") `);
  }
}
