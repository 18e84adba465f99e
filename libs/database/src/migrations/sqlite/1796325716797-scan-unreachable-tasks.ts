import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScanUnreachableTasksSqlite1796325716797 implements MigrationInterface {
  name = 'ScanUnreachableTasksSqlite1796325716797';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_d582d927e4811f1cc94bb552ca"`);
    await queryRunner.query(`DROP INDEX "IDX_53c9535bc4a60b93d843f92956"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_scan" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(16) NOT NULL, "requestedById" varchar(36), "taskCount" integer NOT NULL DEFAULT (0), "tasksDone" integer NOT NULL DEFAULT (0), "tasksFailed" integer NOT NULL DEFAULT (0), "findingsNew" integer NOT NULL DEFAULT (0), "findingsPersisting" integer NOT NULL DEFAULT (0), "findingsResolved" integer NOT NULL DEFAULT (0), "checksVersion" varchar(16) NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT (0), "runToken" varchar(200), "startedAt" datetime, "heartbeatAt" datetime, "finishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "recoveries" integer NOT NULL DEFAULT (0), "tasksUnreachable" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_8b46b9af15031ff550cb8befd62" FOREIGN KEY ("requestedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_14ea7dba2001650e3659a764f7c" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_scan"("id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt", "recoveries") SELECT "id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt", "recoveries" FROM "scan"`,
    );
    await queryRunner.query(`DROP TABLE "scan"`);
    await queryRunner.query(`ALTER TABLE "temporary_scan" RENAME TO "scan"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_d582d927e4811f1cc94bb552ca" ON "scan" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_53c9535bc4a60b93d843f92956" ON "scan" ("status", "heartbeatAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_53c9535bc4a60b93d843f92956"`);
    await queryRunner.query(`DROP INDEX "IDX_d582d927e4811f1cc94bb552ca"`);
    await queryRunner.query(`ALTER TABLE "scan" RENAME TO "temporary_scan"`);
    await queryRunner.query(
      `CREATE TABLE "scan" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(16) NOT NULL, "requestedById" varchar(36), "taskCount" integer NOT NULL DEFAULT (0), "tasksDone" integer NOT NULL DEFAULT (0), "tasksFailed" integer NOT NULL DEFAULT (0), "findingsNew" integer NOT NULL DEFAULT (0), "findingsPersisting" integer NOT NULL DEFAULT (0), "findingsResolved" integer NOT NULL DEFAULT (0), "checksVersion" varchar(16) NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT (0), "runToken" varchar(200), "startedAt" datetime, "heartbeatAt" datetime, "finishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "recoveries" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_8b46b9af15031ff550cb8befd62" FOREIGN KEY ("requestedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_14ea7dba2001650e3659a764f7c" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "scan"("id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt", "recoveries") SELECT "id", "establishmentId", "status", "trigger", "requestedById", "taskCount", "tasksDone", "tasksFailed", "findingsNew", "findingsPersisting", "findingsResolved", "checksVersion", "error", "attempts", "runToken", "startedAt", "heartbeatAt", "finishedAt", "createdAt", "recoveries" FROM "temporary_scan"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_scan"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_53c9535bc4a60b93d843f92956" ON "scan" ("status", "heartbeatAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d582d927e4811f1cc94bb552ca" ON "scan" ("establishmentId", "createdAt") `,
    );
  }
}
