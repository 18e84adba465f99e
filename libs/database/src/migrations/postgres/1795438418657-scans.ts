import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScansPostgres1795438418657 implements MigrationInterface {
  name = 'ScansPostgres1795438418657';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "config_file" ("id" character varying(36) NOT NULL, "establishmentId" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "entry" character varying(255) NOT NULL, "label" character varying(200) NOT NULL, "files" text NOT NULL, "sizeBytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "uploadedById" character varying(36), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_84dcc6c1f8bb11728f549168cf2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4fa5f9098f6a0c10cebb8e0f58" ON "config_file"  ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" character varying(36) NOT NULL, "establishmentId" character varying(36) NOT NULL, "subjectId" character varying(36) NOT NULL, "subjectType" character varying(16) NOT NULL, "family" character varying(16) NOT NULL, "checkId" character varying(64) NOT NULL, "fingerprint" character varying(64) NOT NULL, "severity" character varying(16) NOT NULL, "target" character varying(2048) NOT NULL, "title" character varying(500) NOT NULL, "evidence" text NOT NULL, "remediation" text NOT NULL, "status" character varying(16) NOT NULL, "firstSeenAt" TIMESTAMP NOT NULL, "lastSeenAt" TIMESTAMP NOT NULL, "resolvedAt" TIMESTAMP, "firstScanId" character varying(36) NOT NULL, "lastScanId" character varying(36) NOT NULL, "resolvedScanId" character varying(36), "checkVersion" character varying(32) NOT NULL, CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d587db24100779cdb934e8225d" ON "finding"  ("establishmentId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2edbb2618f3b1564df5edd93e0" ON "finding"  ("subjectId", "fingerprint") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scan" ("id" character varying(36) NOT NULL, "establishmentId" character varying(36) NOT NULL, "status" character varying(16) NOT NULL, "trigger" character varying(16) NOT NULL, "requestedById" character varying(36), "taskCount" integer NOT NULL DEFAULT '0', "tasksDone" integer NOT NULL DEFAULT '0', "tasksFailed" integer NOT NULL DEFAULT '0', "findingsNew" integer NOT NULL DEFAULT '0', "findingsPersisting" integer NOT NULL DEFAULT '0', "findingsResolved" integer NOT NULL DEFAULT '0', "checksVersion" character varying(16) NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT '0', "runToken" character varying(36), "startedAt" TIMESTAMP, "heartbeatAt" TIMESTAMP, "finishedAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_9868a638d0569ba3fe3bddcef84" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_53c9535bc4a60b93d843f92956" ON "scan"  ("status", "heartbeatAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d582d927e4811f1cc94bb552ca" ON "scan"  ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scan_finding" ("scanId" character varying(36) NOT NULL, "findingId" character varying(36) NOT NULL, "change" character varying(16) NOT NULL, CONSTRAINT "PK_a5fdd5a631c2022ff91db6529c0" PRIMARY KEY ("scanId", "findingId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_18036efe1ebfd3ff145d3d27e1" ON "scan_finding"  ("findingId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scan_task" ("id" character varying(36) NOT NULL, "scanId" character varying(36) NOT NULL, "position" integer NOT NULL, "subjectId" character varying(36) NOT NULL, "subjectType" character varying(16) NOT NULL, "family" character varying(16) NOT NULL, "target" character varying(2048) NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "error" text, "findingCount" integer, "durationMs" integer, "grade" character varying(8), "checkVersion" character varying(32), "details" text, "findings" text, "finishedAt" TIMESTAMP, CONSTRAINT "PK_fa14d4667178a1dc4e9b8590ef7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_fa78a151552520da4b3bf077f7" ON "scan_task"  ("scanId", "position") `,
    );
    await queryRunner.query(
      `ALTER TABLE "asset" ADD "dkimSelectors" character varying(500) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`ALTER TABLE "asset" ADD "lastScannedAt" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "nextScanAt" TIMESTAMP`);
    await queryRunner.query(`CREATE INDEX "IDX_8419cc6dbd518fc9cc2bc5c6e7" ON "asset"  ("nextScanAt") `);
    await queryRunner.query(
      `ALTER TABLE "config_file" ADD CONSTRAINT "FK_56b255277a52e86340c09b5790e" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "config_file" ADD CONSTRAINT "FK_65b129c319c93c3cfd8b79e3397" FOREIGN KEY ("uploadedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "FK_1eca2c299117109bca1dc5eccbf" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scan" ADD CONSTRAINT "FK_14ea7dba2001650e3659a764f7c" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scan" ADD CONSTRAINT "FK_8b46b9af15031ff550cb8befd62" FOREIGN KEY ("requestedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scan_finding" ADD CONSTRAINT "FK_2f816b0f0d5c892cf1cac7053d5" FOREIGN KEY ("scanId") REFERENCES "scan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scan_finding" ADD CONSTRAINT "FK_18036efe1ebfd3ff145d3d27e11" FOREIGN KEY ("findingId") REFERENCES "finding"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scan_task" ADD CONSTRAINT "FK_fdb138d0a0d51f16f889192bace" FOREIGN KEY ("scanId") REFERENCES "scan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scan_task" DROP CONSTRAINT "FK_fdb138d0a0d51f16f889192bace"`);
    await queryRunner.query(`ALTER TABLE "scan_finding" DROP CONSTRAINT "FK_18036efe1ebfd3ff145d3d27e11"`);
    await queryRunner.query(`ALTER TABLE "scan_finding" DROP CONSTRAINT "FK_2f816b0f0d5c892cf1cac7053d5"`);
    await queryRunner.query(`ALTER TABLE "scan" DROP CONSTRAINT "FK_8b46b9af15031ff550cb8befd62"`);
    await queryRunner.query(`ALTER TABLE "scan" DROP CONSTRAINT "FK_14ea7dba2001650e3659a764f7c"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "FK_1eca2c299117109bca1dc5eccbf"`);
    await queryRunner.query(`ALTER TABLE "config_file" DROP CONSTRAINT "FK_65b129c319c93c3cfd8b79e3397"`);
    await queryRunner.query(`ALTER TABLE "config_file" DROP CONSTRAINT "FK_56b255277a52e86340c09b5790e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8419cc6dbd518fc9cc2bc5c6e7"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "nextScanAt"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "lastScannedAt"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "dkimSelectors"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fa78a151552520da4b3bf077f7"`);
    await queryRunner.query(`DROP TABLE "scan_task"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_18036efe1ebfd3ff145d3d27e1"`);
    await queryRunner.query(`DROP TABLE "scan_finding"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d582d927e4811f1cc94bb552ca"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_53c9535bc4a60b93d843f92956"`);
    await queryRunner.query(`DROP TABLE "scan"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2edbb2618f3b1564df5edd93e0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d587db24100779cdb934e8225d"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4fa5f9098f6a0c10cebb8e0f58"`);
    await queryRunner.query(`DROP TABLE "config_file"`);
  }
}
