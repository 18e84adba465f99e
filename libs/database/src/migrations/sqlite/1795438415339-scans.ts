import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScansSqlite1795438415339 implements MigrationInterface {
  name = 'ScansSqlite1795438415339';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "config_file" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "entry" varchar(255) NOT NULL, "label" varchar(200) NOT NULL, "files" text NOT NULL, "sizeBytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "uploadedById" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4fa5f9098f6a0c10cebb8e0f58" ON "config_file" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "subjectId" varchar(36) NOT NULL, "subjectType" varchar(16) NOT NULL, "family" varchar(16) NOT NULL, "checkId" varchar(64) NOT NULL, "fingerprint" varchar(64) NOT NULL, "severity" varchar(16) NOT NULL, "target" varchar(2048) NOT NULL, "title" varchar(500) NOT NULL, "evidence" text NOT NULL, "remediation" text NOT NULL, "status" varchar(16) NOT NULL, "firstSeenAt" datetime NOT NULL, "lastSeenAt" datetime NOT NULL, "resolvedAt" datetime, "firstScanId" varchar(36) NOT NULL, "lastScanId" varchar(36) NOT NULL, "resolvedScanId" varchar(36), "checkVersion" varchar(32) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d587db24100779cdb934e8225d" ON "finding" ("establishmentId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2edbb2618f3b1564df5edd93e0" ON "finding" ("subjectId", "fingerprint") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scan" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(16) NOT NULL, "requestedById" varchar(36), "taskCount" integer NOT NULL DEFAULT (0), "tasksDone" integer NOT NULL DEFAULT (0), "tasksFailed" integer NOT NULL DEFAULT (0), "findingsNew" integer NOT NULL DEFAULT (0), "findingsPersisting" integer NOT NULL DEFAULT (0), "findingsResolved" integer NOT NULL DEFAULT (0), "checksVersion" varchar(16) NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT (0), "runToken" varchar(36), "startedAt" datetime, "heartbeatAt" datetime, "finishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_53c9535bc4a60b93d843f92956" ON "scan" ("status", "heartbeatAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d582d927e4811f1cc94bb552ca" ON "scan" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scan_finding" ("scanId" varchar(36) NOT NULL, "findingId" varchar(36) NOT NULL, "change" varchar(16) NOT NULL, PRIMARY KEY ("scanId", "findingId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_18036efe1ebfd3ff145d3d27e1" ON "scan_finding" ("findingId") `);
    await queryRunner.query(
      `CREATE TABLE "scan_task" ("id" varchar(36) PRIMARY KEY NOT NULL, "scanId" varchar(36) NOT NULL, "position" integer NOT NULL, "subjectId" varchar(36) NOT NULL, "subjectType" varchar(16) NOT NULL, "family" varchar(16) NOT NULL, "target" varchar(2048) NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "error" text, "findingCount" integer, "durationMs" integer, "grade" varchar(8), "checkVersion" varchar(32), "details" text, "findings" text, "finishedAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_fa78a151552520da4b3bf077f7" ON "scan_task" ("scanId", "position") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_ef67a719d5fee3df133b771364"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_asset" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "establishmentId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "value" varchar(2048) NOT NULL, "verificationToken" varchar(64) NOT NULL, "verifiedAt" datetime, "verificationMethod" varchar(16), "verifiedById" varchar(36), "createdById" varchar(36), "dkimSelectors" varchar(500) NOT NULL DEFAULT (''), "lastScannedAt" datetime, "nextScanAt" datetime, CONSTRAINT "FK_241dade2fac8b388e19dc83f162" FOREIGN KEY ("createdById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_f2c6418dafad6320f1cd28680fa" FOREIGN KEY ("verifiedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_57c741828b9d7383241bf275fcd" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_asset"("id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById") SELECT "id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById" FROM "asset"`,
    );
    await queryRunner.query(`DROP TABLE "asset"`);
    await queryRunner.query(`ALTER TABLE "temporary_asset" RENAME TO "asset"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ef67a719d5fee3df133b771364" ON "asset" ("establishmentId", "kind", "value") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8419cc6dbd518fc9cc2bc5c6e7" ON "asset" ("nextScanAt") `);
    await queryRunner.query(`DROP INDEX "IDX_4fa5f9098f6a0c10cebb8e0f58"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_config_file" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "entry" varchar(255) NOT NULL, "label" varchar(200) NOT NULL, "files" text NOT NULL, "sizeBytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "uploadedById" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_56b255277a52e86340c09b5790e" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_65b129c319c93c3cfd8b79e3397" FOREIGN KEY ("uploadedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_config_file"("id", "establishmentId", "kind", "entry", "label", "files", "sizeBytes", "sha256", "uploadedById", "createdAt") SELECT "id", "establishmentId", "kind", "entry", "label", "files", "sizeBytes", "sha256", "uploadedById", "createdAt" FROM "config_file"`,
    );
    await queryRunner.query(`DROP TABLE "config_file"`);
    await queryRunner.query(`ALTER TABLE "temporary_config_file" RENAME TO "config_file"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_4fa5f9098f6a0c10cebb8e0f58" ON "config_file" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_d587db24100779cdb934e8225d"`);
    await queryRunner.query(`DROP INDEX "IDX_2edbb2618f3b1564df5edd93e0"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_finding" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "subjectId" varchar(36) NOT NULL, "subjectType" varchar(16) NOT NULL, "family" varchar(16) NOT NULL, "checkId" varchar(64) NOT NULL, "fingerprint" varchar(64) NOT NULL, "severity" varchar(16) NOT NULL, "target" varchar(2048) NOT NULL, "title" varchar(500) NOT NULL, "evidence" text NOT NULL, "remediation" text NOT NULL, "status" varchar(16) NOT NULL, "firstSeenAt" datetime NOT NULL, "lastSeenAt" datetime NOT NULL, "resolvedAt" datetime, "firstScanId" varchar(36) NOT NULL, "lastScanId" varchar(36) NOT NULL, "resolvedScanId" varchar(36), "checkVersion" varchar(32) NOT NULL, CONSTRAINT "FK_1eca2c299117109bca1dc5eccbf" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_finding"("id", "establishmentId", "subjectId", "subjectType", "family", "checkId", "fingerprint", "severity", "target", "title", "evidence", "remediation", "status", "firstSeenAt", "lastSeenAt", "resolvedAt", "firstScanId", "lastScanId", "resolvedScanId", "checkVersion") SELECT "id", "establishmentId", "subjectId", "subjectType", "family", "checkId", "fingerprint", "severity", "target", "title", "evidence", "remediation", "status", "firstSeenAt", "lastSeenAt", "resolvedAt", "firstScanId", "lastScanId", "resolvedScanId", "checkVersion" FROM "finding"`,
    );
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_finding" RENAME TO "finding"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_d587db24100779cdb934e8225d" ON "finding" ("establishmentId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2edbb2618f3b1564df5edd93e0" ON "finding" ("subjectId", "fingerprint") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_53c9535bc4a60b93d843f92956"`);
    await queryRunner.query(`DROP INDEX "IDX_d582d927e4811f1cc94bb552ca"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_scan" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(16) NOT NULL, "requestedById" varchar(36), "taskCount" integer NOT NULL DEFAULT (0), "tasksDone" integer NOT NULL DEFAULT (0), "tasksFailed" integer NOT NULL DEFAULT (0), "findingsNew" integer NOT NULL DEFAULT (0), "findingsPersisting" integer NOT NULL DEFAULT (0), "findingsResolved" integer NOT NULL DEFAULT (0), "checksVersion" varchar(16) NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT (0), "runToken" varchar(36), "startedAt" datetime, "heartbeatAt" datetime, "finishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_14ea7dba2001650e3659a764f7c" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_8b46b9af15031ff550cb8befd62" FOREIGN KEY ("requestedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_scan"("id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt") SELECT "id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt" FROM "scan"`,
    );
    await queryRunner.query(`DROP TABLE "scan"`);
    await queryRunner.query(`ALTER TABLE "temporary_scan" RENAME TO "scan"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_53c9535bc4a60b93d843f92956" ON "scan" ("status", "heartbeatAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d582d927e4811f1cc94bb552ca" ON "scan" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_18036efe1ebfd3ff145d3d27e1"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_scan_finding" ("scanId" varchar(36) NOT NULL, "findingId" varchar(36) NOT NULL, "change" varchar(16) NOT NULL, CONSTRAINT "FK_2f816b0f0d5c892cf1cac7053d5" FOREIGN KEY ("scanId") REFERENCES "scan" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_18036efe1ebfd3ff145d3d27e11" FOREIGN KEY ("findingId") REFERENCES "finding" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("scanId", "findingId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_scan_finding"("scanId", "findingId", "change") SELECT "scanId", "findingId", "change" FROM "scan_finding"`,
    );
    await queryRunner.query(`DROP TABLE "scan_finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_scan_finding" RENAME TO "scan_finding"`);
    await queryRunner.query(`CREATE INDEX "IDX_18036efe1ebfd3ff145d3d27e1" ON "scan_finding" ("findingId") `);
    await queryRunner.query(`DROP INDEX "IDX_fa78a151552520da4b3bf077f7"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_scan_task" ("id" varchar(36) PRIMARY KEY NOT NULL, "scanId" varchar(36) NOT NULL, "position" integer NOT NULL, "subjectId" varchar(36) NOT NULL, "subjectType" varchar(16) NOT NULL, "family" varchar(16) NOT NULL, "target" varchar(2048) NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "error" text, "findingCount" integer, "durationMs" integer, "grade" varchar(8), "checkVersion" varchar(32), "details" text, "findings" text, "finishedAt" datetime, CONSTRAINT "FK_fdb138d0a0d51f16f889192bace" FOREIGN KEY ("scanId") REFERENCES "scan" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_scan_task"("id", "scanId", "position", "subjectId", "subjectType", "family", "target", "status", "attempts", "error", "findingCount", "durationMs", "grade", "checkVersion", "details", "findings", "finishedAt") SELECT "id", "scanId", "position", "subjectId", "subjectType", "family", "target", "status", "attempts", "error", "findingCount", "durationMs", "grade", "checkVersion", "details", "findings", "finishedAt" FROM "scan_task"`,
    );
    await queryRunner.query(`DROP TABLE "scan_task"`);
    await queryRunner.query(`ALTER TABLE "temporary_scan_task" RENAME TO "scan_task"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_fa78a151552520da4b3bf077f7" ON "scan_task" ("scanId", "position") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_fa78a151552520da4b3bf077f7"`);
    await queryRunner.query(`ALTER TABLE "scan_task" RENAME TO "temporary_scan_task"`);
    await queryRunner.query(
      `CREATE TABLE "scan_task" ("id" varchar(36) PRIMARY KEY NOT NULL, "scanId" varchar(36) NOT NULL, "position" integer NOT NULL, "subjectId" varchar(36) NOT NULL, "subjectType" varchar(16) NOT NULL, "family" varchar(16) NOT NULL, "target" varchar(2048) NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "error" text, "findingCount" integer, "durationMs" integer, "grade" varchar(8), "checkVersion" varchar(32), "details" text, "findings" text, "finishedAt" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "scan_task"("id", "scanId", "position", "subjectId", "subjectType", "family", "target", "status", "attempts", "error", "findingCount", "durationMs", "grade", "checkVersion", "details", "findings", "finishedAt") SELECT "id", "scanId", "position", "subjectId", "subjectType", "family", "target", "status", "attempts", "error", "findingCount", "durationMs", "grade", "checkVersion", "details", "findings", "finishedAt" FROM "temporary_scan_task"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_scan_task"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_fa78a151552520da4b3bf077f7" ON "scan_task" ("scanId", "position") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_18036efe1ebfd3ff145d3d27e1"`);
    await queryRunner.query(`ALTER TABLE "scan_finding" RENAME TO "temporary_scan_finding"`);
    await queryRunner.query(
      `CREATE TABLE "scan_finding" ("scanId" varchar(36) NOT NULL, "findingId" varchar(36) NOT NULL, "change" varchar(16) NOT NULL, PRIMARY KEY ("scanId", "findingId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "scan_finding"("scanId", "findingId", "change") SELECT "scanId", "findingId", "change" FROM "temporary_scan_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_scan_finding"`);
    await queryRunner.query(`CREATE INDEX "IDX_18036efe1ebfd3ff145d3d27e1" ON "scan_finding" ("findingId") `);
    await queryRunner.query(`DROP INDEX "IDX_d582d927e4811f1cc94bb552ca"`);
    await queryRunner.query(`DROP INDEX "IDX_53c9535bc4a60b93d843f92956"`);
    await queryRunner.query(`ALTER TABLE "scan" RENAME TO "temporary_scan"`);
    await queryRunner.query(
      `CREATE TABLE "scan" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(16) NOT NULL, "requestedById" varchar(36), "taskCount" integer NOT NULL DEFAULT (0), "tasksDone" integer NOT NULL DEFAULT (0), "tasksFailed" integer NOT NULL DEFAULT (0), "findingsNew" integer NOT NULL DEFAULT (0), "findingsPersisting" integer NOT NULL DEFAULT (0), "findingsResolved" integer NOT NULL DEFAULT (0), "checksVersion" varchar(16) NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT (0), "runToken" varchar(36), "startedAt" datetime, "heartbeatAt" datetime, "finishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "scan"("id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt") SELECT "id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt" FROM "temporary_scan"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_scan"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_d582d927e4811f1cc94bb552ca" ON "scan" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_53c9535bc4a60b93d843f92956" ON "scan" ("status", "heartbeatAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_2edbb2618f3b1564df5edd93e0"`);
    await queryRunner.query(`DROP INDEX "IDX_d587db24100779cdb934e8225d"`);
    await queryRunner.query(`ALTER TABLE "finding" RENAME TO "temporary_finding"`);
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "subjectId" varchar(36) NOT NULL, "subjectType" varchar(16) NOT NULL, "family" varchar(16) NOT NULL, "checkId" varchar(64) NOT NULL, "fingerprint" varchar(64) NOT NULL, "severity" varchar(16) NOT NULL, "target" varchar(2048) NOT NULL, "title" varchar(500) NOT NULL, "evidence" text NOT NULL, "remediation" text NOT NULL, "status" varchar(16) NOT NULL, "firstSeenAt" datetime NOT NULL, "lastSeenAt" datetime NOT NULL, "resolvedAt" datetime, "firstScanId" varchar(36) NOT NULL, "lastScanId" varchar(36) NOT NULL, "resolvedScanId" varchar(36), "checkVersion" varchar(32) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "finding"("id", "establishmentId", "subjectId", "subjectType", "family", "checkId", "fingerprint", "severity", "target", "title", "evidence", "remediation", "status", "firstSeenAt", "lastSeenAt", "resolvedAt", "firstScanId", "lastScanId", "resolvedScanId", "checkVersion") SELECT "id", "establishmentId", "subjectId", "subjectType", "family", "checkId", "fingerprint", "severity", "target", "title", "evidence", "remediation", "status", "firstSeenAt", "lastSeenAt", "resolvedAt", "firstScanId", "lastScanId", "resolvedScanId", "checkVersion" FROM "temporary_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_finding"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2edbb2618f3b1564df5edd93e0" ON "finding" ("subjectId", "fingerprint") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d587db24100779cdb934e8225d" ON "finding" ("establishmentId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_4fa5f9098f6a0c10cebb8e0f58"`);
    await queryRunner.query(`ALTER TABLE "config_file" RENAME TO "temporary_config_file"`);
    await queryRunner.query(
      `CREATE TABLE "config_file" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "entry" varchar(255) NOT NULL, "label" varchar(200) NOT NULL, "files" text NOT NULL, "sizeBytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "uploadedById" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "config_file"("id", "establishmentId", "kind", "entry", "label", "files", "sizeBytes", "sha256", "uploadedById", "createdAt") SELECT "id", "establishmentId", "kind", "entry", "label", "files", "sizeBytes", "sha256", "uploadedById", "createdAt" FROM "temporary_config_file"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_config_file"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_4fa5f9098f6a0c10cebb8e0f58" ON "config_file" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_8419cc6dbd518fc9cc2bc5c6e7"`);
    await queryRunner.query(`DROP INDEX "IDX_ef67a719d5fee3df133b771364"`);
    await queryRunner.query(`ALTER TABLE "asset" RENAME TO "temporary_asset"`);
    await queryRunner.query(
      `CREATE TABLE "asset" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "establishmentId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "value" varchar(2048) NOT NULL, "verificationToken" varchar(64) NOT NULL, "verifiedAt" datetime, "verificationMethod" varchar(16), "verifiedById" varchar(36), "createdById" varchar(36), CONSTRAINT "FK_241dade2fac8b388e19dc83f162" FOREIGN KEY ("createdById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_f2c6418dafad6320f1cd28680fa" FOREIGN KEY ("verifiedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_57c741828b9d7383241bf275fcd" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "asset"("id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById") SELECT "id", "createdAt", "updatedAt", "establishmentId", "kind", "value", "verificationToken", "verifiedAt", "verificationMethod", "verifiedById", "createdById" FROM "temporary_asset"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_asset"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ef67a719d5fee3df133b771364" ON "asset" ("establishmentId", "kind", "value") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_fa78a151552520da4b3bf077f7"`);
    await queryRunner.query(`DROP TABLE "scan_task"`);
    await queryRunner.query(`DROP INDEX "IDX_18036efe1ebfd3ff145d3d27e1"`);
    await queryRunner.query(`DROP TABLE "scan_finding"`);
    await queryRunner.query(`DROP INDEX "IDX_d582d927e4811f1cc94bb552ca"`);
    await queryRunner.query(`DROP INDEX "IDX_53c9535bc4a60b93d843f92956"`);
    await queryRunner.query(`DROP TABLE "scan"`);
    await queryRunner.query(`DROP INDEX "IDX_2edbb2618f3b1564df5edd93e0"`);
    await queryRunner.query(`DROP INDEX "IDX_d587db24100779cdb934e8225d"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP INDEX "IDX_4fa5f9098f6a0c10cebb8e0f58"`);
    await queryRunner.query(`DROP TABLE "config_file"`);
  }
}
