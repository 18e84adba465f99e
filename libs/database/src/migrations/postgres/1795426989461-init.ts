import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitPostgres1795426989461 implements MigrationInterface {
  name = 'InitPostgres1795426989461';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "region" ("code" character varying(3) NOT NULL, "name" character varying(100) NOT NULL, "arsName" character varying(120) NOT NULL, "overseas" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "departement" ("code" character varying(3) NOT NULL, "name" character varying(100) NOT NULL, "regionCode" character varying(3) NOT NULL, CONSTRAINT "PK_ada6d1fc4f9bf4122ecb2966c78" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4ff5361e28aa0a057afd778b53" ON "departement"  ("regionCode") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ght" ("id" character varying(36) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "regionCode" character varying(3) NOT NULL, CONSTRAINT "PK_69f6cbf4065eb11d15172074824" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5e3fe66a3aa024eff52ae41340" ON "ght"  ("regionCode", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "legal_entity" ("id" character varying(36) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), "finess" character varying(9) NOT NULL, "name" character varying(200) NOT NULL, "legalStatus" character varying(32) NOT NULL, "regionCode" character varying(3) NOT NULL, "departementCode" character varying(3) NOT NULL, CONSTRAINT "PK_34a297096a2395e25cafb2a8878" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_889a931667243b2267559a7417" ON "legal_entity"  ("finess") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ab6d9e5c663e5e0c9127389487" ON "legal_entity"  ("regionCode") `,
    );
    await queryRunner.query(
      `CREATE TABLE "establishment" ("id" character varying(36) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), "finess" character varying(9) NOT NULL, "name" character varying(200) NOT NULL, "category" character varying(32) NOT NULL, "legalEntityId" character varying(36) NOT NULL, "regionCode" character varying(3) NOT NULL, "departementCode" character varying(3) NOT NULL, "ghtId" character varying(36), "bedCount" integer, CONSTRAINT "PK_149bd9dc1f2bd4e825a0c474932" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_171630b4f79d52ec1b184944ab" ON "establishment"  ("finess") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f69d3f482739388e4695ec6646" ON "establishment"  ("legalEntityId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_01a939d6fb96eb5617fdaaf9ac" ON "establishment"  ("ghtId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_47b31085fa1174e2da109ba9bb" ON "establishment"  ("regionCode", "category") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_establishment" ("userId" character varying(36) NOT NULL, "establishmentId" character varying(36) NOT NULL, CONSTRAINT "PK_01cf8ba8eea9e256472343977c6" PRIMARY KEY ("userId", "establishmentId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_145b0f60afa3889a1ac9fa6b07" ON "user_establishment"  ("establishmentId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user" ("id" character varying(36) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), "email" character varying(254) NOT NULL, "displayName" character varying(200) NOT NULL, "passwordHash" character varying(255) NOT NULL, "role" character varying(32) NOT NULL, "regionCode" character varying(3), "disabled" boolean NOT NULL DEFAULT false, "failedLoginCount" integer NOT NULL DEFAULT '0', "lockedUntil" TIMESTAMP, "lastLoginAt" TIMESTAMP, CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user"  ("email") `);
    await queryRunner.query(`CREATE INDEX "IDX_bc14c38ac2af2e4f15ef51eea5" ON "user"  ("regionCode") `);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "keyHash" character varying(64) NOT NULL, "createdById" character varying(36) NOT NULL, "access" character varying(16) NOT NULL, "regionCode" character varying(3), "establishmentId" character varying(36), "expiresAt" TIMESTAMP, "revokedAt" TIMESTAMP, "lastUsedAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key"  ("prefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_76c1592a8ca784b7b66edfa35d" ON "api_key"  ("createdById") `);
    await queryRunner.query(`CREATE INDEX "IDX_bfe2af18cce584be6a0356c7cf" ON "api_key"  ("regionCode") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_94543432a42a997dbd066fa794" ON "api_key"  ("establishmentId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" SERIAL NOT NULL, "occurredAt" TIMESTAMP NOT NULL DEFAULT now(), "actorType" character varying(16) NOT NULL, "actorId" character varying(36), "actorLabel" character varying(254), "action" character varying(64) NOT NULL, "resourceType" character varying(40) NOT NULL, "resourceId" character varying(64), "regionCode" character varying(3), "establishmentId" character varying(36), "changes" text, "requestId" character varying(64), "ip" character varying(64), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_427668ea1a2d94fab0aa34e346" ON "audit_event"  ("occurredAt") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2b778fde3afc04ec59f83e29fa" ON "audit_event"  ("actorId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_c01f735f06d3ce7eb4be0e17f5" ON "audit_event"  ("establishmentId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f8ee63355efe4c057c278dfa63" ON "audit_event"  ("resourceType", "resourceId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0d9d4251edc01df70192bc6411" ON "audit_event"  ("regionCode", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "familyId" character varying(36) NOT NULL, "tokenHash" character varying(64) NOT NULL, "expiresAt" TIMESTAMP NOT NULL, "consumedAt" TIMESTAMP, "revokedAt" TIMESTAMP, "revokedReason" character varying(40), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8e913e288156c133999341156a" ON "refresh_token"  ("userId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_b803086815f2d539fe7a0349d1" ON "refresh_token"  ("familyId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_204f27bcee2b705b8230beaf41" ON "refresh_token"  ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c03a9271901099da2a840b0312" ON "refresh_token"  ("expiresAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "departement" ADD CONSTRAINT "FK_4ff5361e28aa0a057afd778b53f" FOREIGN KEY ("regionCode") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ght" ADD CONSTRAINT "FK_e70157368850c4a34b38a1d1107" FOREIGN KEY ("regionCode") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_entity" ADD CONSTRAINT "FK_ab6d9e5c663e5e0c9127389487f" FOREIGN KEY ("regionCode") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_entity" ADD CONSTRAINT "FK_c0d0d8751a52017f58b517d8119" FOREIGN KEY ("departementCode") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "establishment" ADD CONSTRAINT "FK_f69d3f482739388e4695ec6646c" FOREIGN KEY ("legalEntityId") REFERENCES "legal_entity"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "establishment" ADD CONSTRAINT "FK_478f6217af4d911b31dac00bfbe" FOREIGN KEY ("regionCode") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "establishment" ADD CONSTRAINT "FK_90503c12c6d16b4ae3d439db6fc" FOREIGN KEY ("departementCode") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "establishment" ADD CONSTRAINT "FK_01a939d6fb96eb5617fdaaf9ac0" FOREIGN KEY ("ghtId") REFERENCES "ght"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_establishment" ADD CONSTRAINT "FK_b1ad491bed94e6448a7d4a54c52" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_establishment" ADD CONSTRAINT "FK_145b0f60afa3889a1ac9fa6b075" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user" ADD CONSTRAINT "FK_bc14c38ac2af2e4f15ef51eea5b" FOREIGN KEY ("regionCode") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_76c1592a8ca784b7b66edfa35d2" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_bfe2af18cce584be6a0356c7cfb" FOREIGN KEY ("regionCode") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_94543432a42a997dbd066fa794b" FOREIGN KEY ("establishmentId") REFERENCES "establishment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_8e913e288156c133999341156ad" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_8e913e288156c133999341156ad"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_94543432a42a997dbd066fa794b"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_bfe2af18cce584be6a0356c7cfb"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_76c1592a8ca784b7b66edfa35d2"`);
    await queryRunner.query(`ALTER TABLE "user" DROP CONSTRAINT "FK_bc14c38ac2af2e4f15ef51eea5b"`);
    await queryRunner.query(
      `ALTER TABLE "user_establishment" DROP CONSTRAINT "FK_145b0f60afa3889a1ac9fa6b075"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_establishment" DROP CONSTRAINT "FK_b1ad491bed94e6448a7d4a54c52"`,
    );
    await queryRunner.query(`ALTER TABLE "establishment" DROP CONSTRAINT "FK_01a939d6fb96eb5617fdaaf9ac0"`);
    await queryRunner.query(`ALTER TABLE "establishment" DROP CONSTRAINT "FK_90503c12c6d16b4ae3d439db6fc"`);
    await queryRunner.query(`ALTER TABLE "establishment" DROP CONSTRAINT "FK_478f6217af4d911b31dac00bfbe"`);
    await queryRunner.query(`ALTER TABLE "establishment" DROP CONSTRAINT "FK_f69d3f482739388e4695ec6646c"`);
    await queryRunner.query(`ALTER TABLE "legal_entity" DROP CONSTRAINT "FK_c0d0d8751a52017f58b517d8119"`);
    await queryRunner.query(`ALTER TABLE "legal_entity" DROP CONSTRAINT "FK_ab6d9e5c663e5e0c9127389487f"`);
    await queryRunner.query(`ALTER TABLE "ght" DROP CONSTRAINT "FK_e70157368850c4a34b38a1d1107"`);
    await queryRunner.query(`ALTER TABLE "departement" DROP CONSTRAINT "FK_4ff5361e28aa0a057afd778b53f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c03a9271901099da2a840b0312"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_204f27bcee2b705b8230beaf41"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b803086815f2d539fe7a0349d1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e913e288156c133999341156a"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d9d4251edc01df70192bc6411"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f8ee63355efe4c057c278dfa63"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c01f735f06d3ce7eb4be0e17f5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2b778fde3afc04ec59f83e29fa"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_427668ea1a2d94fab0aa34e346"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_94543432a42a997dbd066fa794"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bfe2af18cce584be6a0356c7cf"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_76c1592a8ca784b7b66edfa35d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bc14c38ac2af2e4f15ef51eea5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e12875dfb3b1d92d7d7c5377e2"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_145b0f60afa3889a1ac9fa6b07"`);
    await queryRunner.query(`DROP TABLE "user_establishment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_47b31085fa1174e2da109ba9bb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_01a939d6fb96eb5617fdaaf9ac"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f69d3f482739388e4695ec6646"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_171630b4f79d52ec1b184944ab"`);
    await queryRunner.query(`DROP TABLE "establishment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ab6d9e5c663e5e0c9127389487"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_889a931667243b2267559a7417"`);
    await queryRunner.query(`DROP TABLE "legal_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5e3fe66a3aa024eff52ae41340"`);
    await queryRunner.query(`DROP TABLE "ght"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4ff5361e28aa0a057afd778b53"`);
    await queryRunner.query(`DROP TABLE "departement"`);
    await queryRunner.query(`DROP TABLE "region"`);
  }
}
