import { MigrationInterface, QueryRunner } from 'typeorm';

export class OneDraftPerEstablishmentPostgres1795435566919 implements MigrationInterface {
  name = 'OneDraftPerEstablishment1795435566919';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_assessment_one_draft" ON "assessment"  ("establishmentId") WHERE "status" = 'draft'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_assessment_one_draft"`);
  }
}
