import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UuidEntity } from './columns';
import { Establishment } from './establishment.entity';

export const FINDING_STATUSES = ['open', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * A fact observed by scans, tracked across them: one row per (subject, fingerprint). It opens when first seen,
 * stays open while scans see it again, and is resolved by the first scan of its subject and family that no longer
 * sees it. Seen again after that, it opens anew.
 */
@Entity('finding')
@Index(['subjectId', 'fingerprint'], { unique: true })
@Index(['establishmentId', 'status'])
export class Finding extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  establishmentId!: string;

  @Column({ type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16 })
  subjectType!: 'asset' | 'config_file';

  @Column({ type: 'varchar', length: 16 })
  family!: string;

  @Column({ type: 'varchar', length: 64 })
  checkId!: string;

  /** SHA-256 of check id, target and key: the identity of the fact from one scan to the next. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 16 })
  severity!: string;

  @Column({ type: 'varchar', length: 2048 })
  target!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'text' })
  evidence!: string;

  @Column({ type: 'text' })
  remediation!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: FindingStatus;

  @Column({ type: Date })
  firstSeenAt!: Date;

  @Column({ type: Date })
  lastSeenAt!: Date;

  @Column({ type: Date, nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'varchar', length: 36 })
  firstScanId!: string;

  @Column({ type: 'varchar', length: 36 })
  lastScanId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  resolvedScanId!: string | null;

  /** Version of the check that last saw (or resolved) it. */
  @Column({ type: 'varchar', length: 32 })
  checkVersion!: string;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment>;
}
