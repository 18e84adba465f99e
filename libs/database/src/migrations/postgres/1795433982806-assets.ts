import { MigrationInterface, QueryRunner } from 'typeorm';

export class AssetsPostgres1795433982806 implements MigrationInterface {
  name = 'Assets1795433982806';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "asset" ("id" character varying(36) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), "establishmentId" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "value" character varying(2048) NOT NULL, "verificationToken" character varying(64) NOT NULL, "verifiedAt" TIMESTAMP, "verificationMethod" character varying(16), "verifiedById" character varying(36), "createdById" character varying(36), CONSTRAINT "PK_1209d107fe21482beaea51b745e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ef67a719d5fee3df133b771364" ON "asset"  ("establishmentId", "kind", "value") `,
    );
    await queryRunner.query(
      `ALTER TABLE "asset" ADD CONSTRAINT "FK_57c741828b9d7383241bf275fcd" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset" ADD CONSTRAINT "FK_f2c6418dafad6320f1cd28680fa" FOREIGN KEY ("verifiedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset" ADD CONSTRAINT "FK_241dade2fac8b388e19dc83f162" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "FK_241dade2fac8b388e19dc83f162"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "FK_f2c6418dafad6320f1cd28680fa"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "FK_57c741828b9d7383241bf275fcd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ef67a719d5fee3df133b771364"`);
    await queryRunner.query(`DROP TABLE "asset"`);
  }
}
