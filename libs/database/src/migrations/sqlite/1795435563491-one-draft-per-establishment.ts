import { MigrationInterface, QueryRunner } from 'typeorm';

export class OneDraftPerEstablishmentSqlite1795435563491 implements MigrationInterface {
  name = 'OneDraftPerEstablishment1795435563491';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_assessment_one_draft" ON "assessment" ("establishmentId") WHERE "status" = 'draft'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_assessment_one_draft"`);
  }
}
