import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Finding } from './finding.entity';
import { Scan } from './scan.entity';

export const FINDING_CHANGES = ['new', 'persisting', 'resolved'] as const;
export type FindingChange = (typeof FINDING_CHANGES)[number];

/** What a scan did to a finding: opened it, saw it again, or no longer saw it. */
@Entity('scan_finding')
@Index(['findingId'])
export class ScanFinding {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  scanId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  findingId!: string;

  @Column({ type: 'varchar', length: 16 })
  change!: FindingChange;

  @ManyToOne(() => Scan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scanId' })
  scan?: Relation<Scan>;

  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'findingId' })
  finding?: Relation<Finding>;
}
