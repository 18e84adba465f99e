import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UuidEntity } from './columns';
import { Establishment } from './establishment.entity';
import { User } from './user.entity';
import type { ScanStatus } from '../scan-lifecycle/scan-states';

export const SCAN_TRIGGERS = ['manual', 'schedule'] as const;
export type ScanTrigger = (typeof SCAN_TRIGGERS)[number];

/**
 * One scan of some of an establishment's verified assets or of one uploaded configuration. A completed scan may
 * hold failed checks: each task says what happened to it.
 */
@Entity('scan')
@Index(['establishmentId', 'createdAt'])
@Index(['status', 'heartbeatAt'])
export class Scan extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  establishmentId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ScanStatus;

  @Column({ type: 'varchar', length: 16 })
  trigger!: ScanTrigger;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestedById!: string | null;

  @Column({ type: 'integer', default: 0 })
  taskCount!: number;

  @Column({ type: 'integer', default: 0 })
  tasksDone!: number;

  @Column({ type: 'integer', default: 0 })
  tasksFailed!: number;

  /** Tasks that found their target unreachable: their earlier findings were kept, not resolved. */
  @Column({ type: 'integer', default: 0 })
  tasksUnreachable!: number;

  /** Counts of this scan's findings by state: new, persisting, resolved. */
  @Column({ type: 'integer', default: 0 })
  findingsNew!: number;

  @Column({ type: 'integer', default: 0 })
  findingsPersisting!: number;

  @Column({ type: 'integer', default: 0 })
  findingsResolved!: number;

  /** Version of the check catalogue the scan ran with; each task also keeps its family's grading version. */
  @Column({ type: 'varchar', length: 16 })
  checksVersion!: string;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Attempts at running the scan (a worker lost mid-scan gives it back). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Times the scheduler queued it again after its job or its worker was lost; each recovery has its own job id. */
  @Column({ type: 'integer', default: 0 })
  recoveries!: number;

  /** The BullMQ job that holds the scan while it runs: a job that lost its claim stops writing. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  runToken!: string | null;

  @Column({ type: Date, nullable: true })
  startedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  heartbeatAt!: Date | null;

  @Column({ type: Date, nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requestedById' })
  requestedBy?: Relation<User> | null;
}
