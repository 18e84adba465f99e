import { MigrationInterface, QueryRunner } from 'typeorm';

export class AssessmentsAndScoresPostgres1795431355581 implements MigrationInterface {
  name = 'AssessmentsAndScores1795431355581';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "security_plan_version" ("version" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "status" character varying(16) NOT NULL, "source" character varying(8) NOT NULL, "contentHash" character varying(64) NOT NULL, "content" text NOT NULL, "publishedAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_fd6c7e1ee0c7c94f8c8144c2f9d" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment" ("id" character varying(36) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), "establishmentId" character varying(36) NOT NULL, "planVersion" character varying(16) NOT NULL, "mode" character varying(8) NOT NULL, "profileCategory" character varying(32) NOT NULL, "profileBedCount" integer, "status" character varying(16) NOT NULL, "createdById" character varying(36), "submittedById" character varying(36), "submittedAt" TIMESTAMP, "copiedFromId" character varying(36), CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cda2a7ffc5e31b42308a057fc9" ON "assessment"  ("establishmentId", "status", "submittedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_answer" ("assessmentId" character varying(36) NOT NULL, "measureId" character varying(12) NOT NULL, "status" character varying(16) NOT NULL, "level" integer, "reason" text, "comment" text, "revision" integer NOT NULL DEFAULT '1', "updatedById" character varying(36), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_4c2e03296df7e18e6dbfd7b2c09" PRIMARY KEY ("assessmentId", "measureId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_file" ("id" character varying(36) NOT NULL, "assessmentId" character varying(36) NOT NULL, "measureId" character varying(12) NOT NULL, "fileName" character varying(255) NOT NULL, "contentType" character varying(100) NOT NULL, "sizeBytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "storageKey" character varying(200) NOT NULL, "uploadedById" character varying(36), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_f54e0261bc7f0350c7eae30736a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6f78ea8644f8ee91562c687609" ON "evidence_file"  ("assessmentId", "measureId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "job_outbox" ("id" SERIAL NOT NULL, "jobName" character varying(64) NOT NULL, "payload" text NOT NULL, "jobId" character varying(100) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "dispatchedAt" TIMESTAMP, "attempts" integer NOT NULL DEFAULT '0', "lastError" text, CONSTRAINT "PK_c3ba45dab51e3016acef18d0433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_8e9b81d23555732e215234763a" ON "job_outbox"  ("jobId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_27ce5a5ce82e7efc93e670d132" ON "job_outbox"  ("dispatchedAt", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "score_snapshot" ("id" character varying(36) NOT NULL, "establishmentId" character varying(36) NOT NULL, "assessmentId" character varying(36) NOT NULL, "planVersion" character varying(16) NOT NULL, "scoringVersion" character varying(16) NOT NULL, "inputHash" character varying(64) NOT NULL, "overall" double precision NOT NULL, "tier" integer NOT NULL, "confidence" double precision NOT NULL, "contradictionCount" integer NOT NULL, "trigger" character varying(32) NOT NULL, "result" text NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_ce4ca78346c75ab924a9ce55cfb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_416e4e73e245f6520ba46f31c8" ON "score_snapshot"  ("establishmentId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b1d3c14dd156a58fdd0db1e9cd" ON "score_snapshot"  ("assessmentId", "inputHash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_938cd642b6f0c773b9f93897b8f" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_58633dfd117001fc2dbedf6f346" FOREIGN KEY ("planVersion") REFERENCES "security_plan_version"("version") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_c9d75a903e108e61ec0a07baa34" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_c9bae77ce32daf1e63834251992" FOREIGN KEY ("submittedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_answer" ADD CONSTRAINT "FK_ec908a7d9384b0a73f48fb20ba1" FOREIGN KEY ("assessmentId") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_answer" ADD CONSTRAINT "FK_b7d2583ed8522093a4380ff90a1" FOREIGN KEY ("updatedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_file" ADD CONSTRAINT "FK_51d1b07c4dcce99eaf92b8cc2f2" FOREIGN KEY ("assessmentId") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_file" ADD CONSTRAINT "FK_da6b3dd0e6925a4ec5aacc9f16a" FOREIGN KEY ("uploadedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_snapshot" ADD CONSTRAINT "FK_ffeb062cd9d723d0a7fe7c11e19" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_snapshot" ADD CONSTRAINT "FK_8239fa6896a2092064399f9f1e4" FOREIGN KEY ("assessmentId") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "score_snapshot" DROP CONSTRAINT "FK_8239fa6896a2092064399f9f1e4"`);
    await queryRunner.query(`ALTER TABLE "score_snapshot" DROP CONSTRAINT "FK_ffeb062cd9d723d0a7fe7c11e19"`);
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP CONSTRAINT "FK_da6b3dd0e6925a4ec5aacc9f16a"`);
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP CONSTRAINT "FK_51d1b07c4dcce99eaf92b8cc2f2"`);
    await queryRunner.query(
      `ALTER TABLE "assessment_answer" DROP CONSTRAINT "FK_b7d2583ed8522093a4380ff90a1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_answer" DROP CONSTRAINT "FK_ec908a7d9384b0a73f48fb20ba1"`,
    );
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_c9bae77ce32daf1e63834251992"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_c9d75a903e108e61ec0a07baa34"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_58633dfd117001fc2dbedf6f346"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_938cd642b6f0c773b9f93897b8f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b1d3c14dd156a58fdd0db1e9cd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_416e4e73e245f6520ba46f31c8"`);
    await queryRunner.query(`DROP TABLE "score_snapshot"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_27ce5a5ce82e7efc93e670d132"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e9b81d23555732e215234763a"`);
    await queryRunner.query(`DROP TABLE "job_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6f78ea8644f8ee91562c687609"`);
    await queryRunner.query(`DROP TABLE "evidence_file"`);
    await queryRunner.query(`DROP TABLE "assessment_answer"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cda2a7ffc5e31b42308a057fc9"`);
    await queryRunner.query(`DROP TABLE "assessment"`);
    await queryRunner.query(`DROP TABLE "security_plan_version"`);
  }
}
