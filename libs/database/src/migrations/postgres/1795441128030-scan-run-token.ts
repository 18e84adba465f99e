import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScanRunTokenPostgres1795441128030 implements MigrationInterface {
  name = 'ScanRunTokenPostgres1795441128030';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Widened in place: a scan running during the upgrade keeps its holder.
    await queryRunner.query(`ALTER TABLE "scan" ALTER COLUMN "runToken" TYPE character varying(200)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scan" ALTER COLUMN "runToken" TYPE character varying(36)`);
  }
}
