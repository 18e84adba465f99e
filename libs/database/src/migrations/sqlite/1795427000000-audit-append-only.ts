import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log is append-only: the database itself refuses to change or delete an event. */
export class AuditAppendOnlySqlite1795427000000 implements MigrationInterface {
  name = 'AuditAppendOnlySqlite1795427000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_no_update" BEFORE UPDATE ON "audit_event" BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_no_delete" BEFORE DELETE ON "audit_event" BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_no_delete"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_no_update"`);
  }
}
