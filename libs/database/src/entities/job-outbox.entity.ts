import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Jobs written in the same transaction as the change that needs them (a submitted assessment), then sent to
 * Redis. If Redis is down, the row waits and is sent when it is back: no submitted work is left unscored.
 */
@Entity('job_outbox')
@Index(['dispatchedAt', 'id'])
export class JobOutbox {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  jobName!: string;

  @Column({ type: 'text' })
  payload!: string;

  /** BullMQ job id: sending the same row twice adds the job once. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100 })
  jobId!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  dispatchedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
