import { MigrationInterface, QueryRunner } from 'typeorm';

/** Further regions of an audit event (a CISO of sites in two regions); append-only like the events. */
export class AuditEventRegionsPostgres1796324522432 implements MigrationInterface {
  name = 'AuditEventRegionsPostgres1796324522432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event_region" ("eventId" integer NOT NULL, "regionCode" character varying(3) NOT NULL, CONSTRAINT "PK_5b3d944d0ccecbb86956a755857" PRIMARY KEY ("eventId", "regionCode"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5b3d944d0ccecbb86956a75585" ON "audit_event_region"  ("regionCode", "eventId") `,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_region_no_change" BEFORE UPDATE OR DELETE ON "audit_event_region" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_region_no_truncate" BEFORE TRUNCATE ON "audit_event_region" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_region_no_truncate" ON "audit_event_region"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_region_no_change" ON "audit_event_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5b3d944d0ccecbb86956a75585"`);
    await queryRunner.query(`DROP TABLE "audit_event_region"`);
  }
}
