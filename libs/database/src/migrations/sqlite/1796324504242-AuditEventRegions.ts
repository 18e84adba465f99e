import { MigrationInterface, QueryRunner } from 'typeorm';

/** Further regions of an audit event (a CISO of sites in two regions); append-only like the events. */
export class AuditEventRegionsSqlite1796324504242 implements MigrationInterface {
  name = 'AuditEventRegionsSqlite1796324504242';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event_region" ("eventId" integer NOT NULL, "regionCode" varchar(3) NOT NULL, PRIMARY KEY ("eventId", "regionCode"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5b3d944d0ccecbb86956a75585" ON "audit_event_region" ("regionCode", "eventId") `,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_region_no_update" BEFORE UPDATE ON "audit_event_region" BEGIN SELECT RAISE(ABORT, 'audit_event_region is append-only'); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_region_no_delete" BEFORE DELETE ON "audit_event_region" BEGIN SELECT RAISE(ABORT, 'audit_event_region is append-only'); END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_region_no_delete"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_region_no_update"`);
    await queryRunner.query(`DROP INDEX "IDX_5b3d944d0ccecbb86956a75585"`);
    await queryRunner.query(`DROP TABLE "audit_event_region"`);
  }
}
