import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TimestampedEntity } from './columns';
import { Establishment } from './establishment.entity';
import { User } from './user.entity';
import type { AssetReachability } from '../scan-lifecycle/asset-reachability';

export const ASSET_KINDS = ['domain', 'hostname', 'ipv4', 'ipv6', 'url'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const VERIFICATION_METHODS = ['dns_txt', 'well_known', 'vouched'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** An internet-facing asset of an establishment. It is scanned only once its ownership is verified. */
@Entity('asset')
@Index(['establishmentId', 'kind', 'value'], { unique: true })
@Index(['nextScanAt'])
export class Asset extends TimestampedEntity {
  @Column({ type: 'varchar', length: 36 })
  establishmentId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: AssetKind;

  /** Normalised: lower-case names, canonical addresses, URLs without fragment. */
  @Column({ type: 'varchar', length: 2048 })
  value!: string;

  /** Published by the establishment as `vigie-verification=<token>` (DNS TXT) or in /.well-known. */
  @Column({ type: 'varchar', length: 64 })
  verificationToken!: string;

  @Column({ type: Date, nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  verificationMethod!: VerificationMethod | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  verifiedById!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdById!: string | null;

  /** DKIM selectors the establishment declares for a domain (comma-separated), checked by the DNS scan. */
  @Column({ type: 'varchar', length: 500, default: '' })
  dkimSelectors!: string;

  @Column({ type: Date, nullable: true })
  lastScannedAt!: Date | null;

  /** Whether the last scan that connected to its host got an answer (`unknown` before any). */
  @Column({ type: 'varchar', length: 16, default: 'unknown' })
  reachability!: AssetReachability;

  /** The last scan that got an answer from its host. */
  @Column({ type: Date, nullable: true })
  lastReachedAt!: Date | null;

  /** Scans in a row that found its host unreachable; back to 0 once it answers. */
  @Column({ type: 'integer', default: 0 })
  unreachableScans!: number;

  /** When the scheduler scans it next; set when it is verified, spread over the scan interval. */
  @Column({ type: Date, nullable: true })
  nextScanAt!: Date | null;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'verifiedById' })
  verifiedBy?: Relation<User> | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'createdById' })
  createdBy?: Relation<User> | null;
}
