import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScanRecoveriesPostgres1795443093207 implements MigrationInterface {
  name = 'ScanRecoveriesPostgres1795443093207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scan" ADD "recoveries" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scan" DROP COLUMN "recoveries"`);
  }
}
