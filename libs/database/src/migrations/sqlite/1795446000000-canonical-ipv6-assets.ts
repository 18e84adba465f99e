import { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicaliseIpv6Assets } from '../canonical-ipv6-assets';

/** Data only: IPv6 asset values in RFC 5952 form. Down keeps them so (the old spelling is not kept anywhere). */
export class CanonicalIpv6AssetsSqlite1795446000000 implements MigrationInterface {
  name = 'CanonicalIpv6AssetsSqlite1795446000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await canonicaliseIpv6Assets(queryRunner, () => '?');
  }

  public async down(): Promise<void> {}
}
