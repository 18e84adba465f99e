import { MigrationInterface, QueryRunner } from 'typeorm';

export class AssetReachabilityPostgres1796321350934 implements MigrationInterface {
  name = 'AssetReachabilityPostgres1796321350934';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "asset" ADD "reachability" character varying(16) NOT NULL DEFAULT 'unknown'`,
    );
    await queryRunner.query(`ALTER TABLE "asset" ADD "lastReachedAt" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "unreachableScans" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "unreachableScans"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "lastReachedAt"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "reachability"`);
  }
}
