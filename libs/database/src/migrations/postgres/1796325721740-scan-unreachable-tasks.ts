import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScanUnreachableTasksPostgres1796325721740 implements MigrationInterface {
  name = 'ScanUnreachableTasksPostgres1796325721740';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scan" ADD "tasksUnreachable" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scan" DROP COLUMN "tasksUnreachable"`);
  }
}
