import { MigrationInterface, QueryRunner } from 'typeorm';

export class AssessmentsAndScoresSqlite1795431349366 implements MigrationInterface {
  name = 'AssessmentsAndScores1795431349366';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "security_plan_version" ("version" varchar(16) PRIMARY KEY NOT NULL, "title" varchar(200) NOT NULL, "status" varchar(16) NOT NULL, "source" varchar(8) NOT NULL, "contentHash" varchar(64) NOT NULL, "content" text NOT NULL, "publishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "establishmentId" varchar(36) NOT NULL, "planVersion" varchar(16) NOT NULL, "mode" varchar(8) NOT NULL, "profileCategory" varchar(32) NOT NULL, "profileBedCount" integer, "status" varchar(16) NOT NULL, "createdById" varchar(36), "submittedById" varchar(36), "submittedAt" datetime, "copiedFromId" varchar(36))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cda2a7ffc5e31b42308a057fc9" ON "assessment" ("establishmentId", "status", "submittedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_answer" ("assessmentId" varchar(36) NOT NULL, "measureId" varchar(12) NOT NULL, "status" varchar(16) NOT NULL, "level" integer, "reason" text, "comment" text, "revision" integer NOT NULL DEFAULT (1), "updatedById" varchar(36), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("assessmentId", "measureId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_file" ("id" varchar(36) PRIMARY KEY NOT NULL, "assessmentId" varchar(36) NOT NULL, "measureId" varchar(12) NOT NULL, "fileName" varchar(255) NOT NULL, "contentType" varchar(100) NOT NULL, "sizeBytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "storageKey" varchar(200) NOT NULL, "uploadedById" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6f78ea8644f8ee91562c687609" ON "evidence_file" ("assessmentId", "measureId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "job_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "jobName" varchar(64) NOT NULL, "payload" text NOT NULL, "jobId" varchar(100) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "dispatchedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), "lastError" text)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_8e9b81d23555732e215234763a" ON "job_outbox" ("jobId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_27ce5a5ce82e7efc93e670d132" ON "job_outbox" ("dispatchedAt", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "score_snapshot" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "assessmentId" varchar(36) NOT NULL, "planVersion" varchar(16) NOT NULL, "scoringVersion" varchar(16) NOT NULL, "inputHash" varchar(64) NOT NULL, "overall" double precision NOT NULL, "tier" integer NOT NULL, "confidence" double precision NOT NULL, "contradictionCount" integer NOT NULL, "trigger" varchar(32) NOT NULL, "result" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_416e4e73e245f6520ba46f31c8" ON "score_snapshot" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b1d3c14dd156a58fdd0db1e9cd" ON "score_snapshot" ("assessmentId", "inputHash") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_cda2a7ffc5e31b42308a057fc9"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_assessment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "establishmentId" varchar(36) NOT NULL, "planVersion" varchar(16) NOT NULL, "mode" varchar(8) NOT NULL, "profileCategory" varchar(32) NOT NULL, "profileBedCount" integer, "status" varchar(16) NOT NULL, "createdById" varchar(36), "submittedById" varchar(36), "submittedAt" datetime, "copiedFromId" varchar(36), CONSTRAINT "FK_938cd642b6f0c773b9f93897b8f" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_58633dfd117001fc2dbedf6f346" FOREIGN KEY ("planVersion") REFERENCES "security_plan_version" ("version") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c9d75a903e108e61ec0a07baa34" FOREIGN KEY ("createdById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_c9bae77ce32daf1e63834251992" FOREIGN KEY ("submittedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_assessment"("id", "createdAt", "updatedAt", "establishmentId", "planVersion", "mode", "profileCategory", "profileBedCount", "status", "createdById", "submittedById", "submittedAt", "copiedFromId") SELECT "id", "createdAt", "updatedAt", "establishmentId", "planVersion", "mode", "profileCategory", "profileBedCount", "status", "createdById", "submittedById", "submittedAt", "copiedFromId" FROM "assessment"`,
    );
    await queryRunner.query(`DROP TABLE "assessment"`);
    await queryRunner.query(`ALTER TABLE "temporary_assessment" RENAME TO "assessment"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_cda2a7ffc5e31b42308a057fc9" ON "assessment" ("establishmentId", "status", "submittedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_assessment_answer" ("assessmentId" varchar(36) NOT NULL, "measureId" varchar(12) NOT NULL, "status" varchar(16) NOT NULL, "level" integer, "reason" text, "comment" text, "revision" integer NOT NULL DEFAULT (1), "updatedById" varchar(36), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_ec908a7d9384b0a73f48fb20ba1" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b7d2583ed8522093a4380ff90a1" FOREIGN KEY ("updatedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, PRIMARY KEY ("assessmentId", "measureId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_assessment_answer"("assessmentId", "measureId", "status", "level", "reason", "comment", "revision", "updatedById", "updatedAt") SELECT "assessmentId", "measureId", "status", "level", "reason", "comment", "revision", "updatedById", "updatedAt" FROM "assessment_answer"`,
    );
    await queryRunner.query(`DROP TABLE "assessment_answer"`);
    await queryRunner.query(`ALTER TABLE "temporary_assessment_answer" RENAME TO "assessment_answer"`);
    await queryRunner.query(`DROP INDEX "IDX_6f78ea8644f8ee91562c687609"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_evidence_file" ("id" varchar(36) PRIMARY KEY NOT NULL, "assessmentId" varchar(36) NOT NULL, "measureId" varchar(12) NOT NULL, "fileName" varchar(255) NOT NULL, "contentType" varchar(100) NOT NULL, "sizeBytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "storageKey" varchar(200) NOT NULL, "uploadedById" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_51d1b07c4dcce99eaf92b8cc2f2" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_da6b3dd0e6925a4ec5aacc9f16a" FOREIGN KEY ("uploadedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_evidence_file"("id", "assessmentId", "measureId", "fileName", "contentType", "sizeBytes", "sha256", "storageKey", "uploadedById", "createdAt") SELECT "id", "assessmentId", "measureId", "fileName", "contentType", "sizeBytes", "sha256", "storageKey", "uploadedById", "createdAt" FROM "evidence_file"`,
    );
    await queryRunner.query(`DROP TABLE "evidence_file"`);
    await queryRunner.query(`ALTER TABLE "temporary_evidence_file" RENAME TO "evidence_file"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_6f78ea8644f8ee91562c687609" ON "evidence_file" ("assessmentId", "measureId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_416e4e73e245f6520ba46f31c8"`);
    await queryRunner.query(`DROP INDEX "IDX_b1d3c14dd156a58fdd0db1e9cd"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_score_snapshot" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "assessmentId" varchar(36) NOT NULL, "planVersion" varchar(16) NOT NULL, "scoringVersion" varchar(16) NOT NULL, "inputHash" varchar(64) NOT NULL, "overall" double precision NOT NULL, "tier" integer NOT NULL, "confidence" double precision NOT NULL, "contradictionCount" integer NOT NULL, "trigger" varchar(32) NOT NULL, "result" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_ffeb062cd9d723d0a7fe7c11e19" FOREIGN KEY ("establishmentId") REFERENCES "establishment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_8239fa6896a2092064399f9f1e4" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_score_snapshot"("id", "establishmentId", "assessmentId", "planVersion", "scoringVersion", "inputHash", "overall", "tier", "confidence", "contradictionCount", "trigger", "result", "createdAt") SELECT "id", "establishmentId", "assessmentId", "planVersion", "scoringVersion", "inputHash", "overall", "tier", "confidence", "contradictionCount", "trigger", "result", "createdAt" FROM "score_snapshot"`,
    );
    await queryRunner.query(`DROP TABLE "score_snapshot"`);
    await queryRunner.query(`ALTER TABLE "temporary_score_snapshot" RENAME TO "score_snapshot"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_416e4e73e245f6520ba46f31c8" ON "score_snapshot" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b1d3c14dd156a58fdd0db1e9cd" ON "score_snapshot" ("assessmentId", "inputHash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_b1d3c14dd156a58fdd0db1e9cd"`);
    await queryRunner.query(`DROP INDEX "IDX_416e4e73e245f6520ba46f31c8"`);
    await queryRunner.query(`ALTER TABLE "score_snapshot" RENAME TO "temporary_score_snapshot"`);
    await queryRunner.query(
      `CREATE TABLE "score_snapshot" ("id" varchar(36) PRIMARY KEY NOT NULL, "establishmentId" varchar(36) NOT NULL, "assessmentId" varchar(36) NOT NULL, "planVersion" varchar(16) NOT NULL, "scoringVersion" varchar(16) NOT NULL, "inputHash" varchar(64) NOT NULL, "overall" double precision NOT NULL, "tier" integer NOT NULL, "confidence" double precision NOT NULL, "contradictionCount" integer NOT NULL, "trigger" varchar(32) NOT NULL, "result" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "score_snapshot"("id", "establishmentId", "assessmentId", "planVersion", "scoringVersion", "inputHash", "overall", "tier", "confidence", "contradictionCount", "trigger", "result", "createdAt") SELECT "id", "establishmentId", "assessmentId", "planVersion", "scoringVersion", "inputHash", "overall", "tier", "confidence", "contradictionCount", "trigger", "result", "createdAt" FROM "temporary_score_snapshot"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_score_snapshot"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b1d3c14dd156a58fdd0db1e9cd" ON "score_snapshot" ("assessmentId", "inputHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_416e4e73e245f6520ba46f31c8" ON "score_snapshot" ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_6f78ea8644f8ee91562c687609"`);
    await queryRunner.query(`ALTER TABLE "evidence_file" RENAME TO "temporary_evidence_file"`);
    await queryRunner.query(
      `CREATE TABLE "evidence_file" ("id" varchar(36) PRIMARY KEY NOT NULL, "assessmentId" varchar(36) NOT NULL, "measureId" varchar(12) NOT NULL, "fileName" varchar(255) NOT NULL, "contentType" varchar(100) NOT NULL, "sizeBytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "storageKey" varchar(200) NOT NULL, "uploadedById" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "evidence_file"("id", "assessmentId", "measureId", "fileName", "contentType", "sizeBytes", "sha256", "storageKey", "uploadedById", "createdAt") SELECT "id", "assessmentId", "measureId", "fileName", "contentType", "sizeBytes", "sha256", "storageKey", "uploadedById", "createdAt" FROM "temporary_evidence_file"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_evidence_file"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_6f78ea8644f8ee91562c687609" ON "evidence_file" ("assessmentId", "measureId") `,
    );
    await queryRunner.query(`ALTER TABLE "assessment_answer" RENAME TO "temporary_assessment_answer"`);
    await queryRunner.query(
      `CREATE TABLE "assessment_answer" ("assessmentId" varchar(36) NOT NULL, "measureId" varchar(12) NOT NULL, "status" varchar(16) NOT NULL, "level" integer, "reason" text, "comment" text, "revision" integer NOT NULL DEFAULT (1), "updatedById" varchar(36), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("assessmentId", "measureId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "assessment_answer"("assessmentId", "measureId", "status", "level", "reason", "comment", "revision", "updatedById", "updatedAt") SELECT "assessmentId", "measureId", "status", "level", "reason", "comment", "revision", "updatedById", "updatedAt" FROM "temporary_assessment_answer"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_assessment_answer"`);
    await queryRunner.query(`DROP INDEX "IDX_cda2a7ffc5e31b42308a057fc9"`);
    await queryRunner.query(`ALTER TABLE "assessment" RENAME TO "temporary_assessment"`);
    await queryRunner.query(
      `CREATE TABLE "assessment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "establishmentId" varchar(36) NOT NULL, "planVersion" varchar(16) NOT NULL, "mode" varchar(8) NOT NULL, "profileCategory" varchar(32) NOT NULL, "profileBedCount" integer, "status" varchar(16) NOT NULL, "createdById" varchar(36), "submittedById" varchar(36), "submittedAt" datetime, "copiedFromId" varchar(36))`,
    );
    await queryRunner.query(
      `INSERT INTO "assessment"("id", "createdAt", "updatedAt", "establishmentId", "planVersion", "mode", "profileCategory", "profileBedCount", "status", "createdById", "submittedById", "submittedAt", "copiedFromId") SELECT "id", "createdAt", "updatedAt", "establishmentId", "planVersion", "mode", "profileCategory", "profileBedCount", "status", "createdById", "submittedById", "submittedAt", "copiedFromId" FROM "temporary_assessment"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_assessment"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_cda2a7ffc5e31b42308a057fc9" ON "assessment" ("establishmentId", "status", "submittedAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_b1d3c14dd156a58fdd0db1e9cd"`);
    await queryRunner.query(`DROP INDEX "IDX_416e4e73e245f6520ba46f31c8"`);
    await queryRunner.query(`DROP TABLE "score_snapshot"`);
    await queryRunner.query(`DROP INDEX "IDX_27ce5a5ce82e7efc93e670d132"`);
    await queryRunner.query(`DROP INDEX "IDX_8e9b81d23555732e215234763a"`);
    await queryRunner.query(`DROP TABLE "job_outbox"`);
    await queryRunner.query(`DROP INDEX "IDX_6f78ea8644f8ee91562c687609"`);
    await queryRunner.query(`DROP TABLE "evidence_file"`);
    await queryRunner.query(`DROP TABLE "assessment_answer"`);
    await queryRunner.query(`DROP INDEX "IDX_cda2a7ffc5e31b42308a057fc9"`);
    await queryRunner.query(`DROP TABLE "assessment"`);
    await queryRunner.query(`DROP TABLE "security_plan_version"`);
  }
}
