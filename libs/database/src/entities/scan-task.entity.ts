import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UuidEntity } from './columns';
import { Scan } from './scan.entity';
import type { ScanTaskStatus } from '../scan-lifecycle/scan-states';

/** One check family run on one subject (asset or configuration) within a scan: its outcome, errors and details. */
@Entity('scan_task')
@Index(['scanId', 'position'])
export class ScanTask extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  scanId!: string;

  @Column({ type: 'integer' })
  position!: number;

  /** Asset id or config file id. */
  @Column({ type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16 })
  subjectType!: 'asset' | 'config_file';

  /** ports, tls, http, dns, config. */
  @Column({ type: 'varchar', length: 16 })
  family!: string;

  /** What is probed: host:port, URL, domain or file name. */
  @Column({ type: 'varchar', length: 2048 })
  target!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ScanTaskStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'integer', nullable: true })
  findingCount!: number | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  /** Grade or score the family gives (TLS, HTTP), null otherwise. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  grade!: string | null;

  /** Version of the family's checks and grading, e.g. `tls/1.0.0`. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  checkVersion!: string | null;

  /** JSON: what the family measured (protocols, expectations, SPF tree...). */
  @Column({ type: 'text', nullable: true })
  details!: string | null;

  /** JSON: the findings the family reported, kept until the scan ends and compares them with the known ones
   * (then cleared). */
  @Column({ type: 'text', nullable: true })
  findings!: string | null;

  @Column({ type: Date, nullable: true })
  finishedAt!: Date | null;

  @ManyToOne(() => Scan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scanId' })
  scan?: Relation<Scan>;
}
