import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Assessment } from './assessment.entity';
import { UuidEntity } from './columns';
import { Establishment } from './establishment.entity';

/**
 * An immutable score. One per (assessment, input hash): scoring the same inputs again finds it instead of adding
 * a copy. The full explanation (domains, lost points, actions, contradictions) is kept in `result`.
 */
@Entity('score_snapshot')
@Index(['assessmentId', 'inputHash'], { unique: true })
@Index(['establishmentId', 'createdAt'])
export class ScoreSnapshot extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  establishmentId!: string;

  @Column({ type: 'varchar', length: 36 })
  assessmentId!: string;

  @Column({ type: 'varchar', length: 16 })
  planVersion!: string;

  @Column({ type: 'varchar', length: 16 })
  scoringVersion!: string;

  @Column({ type: 'varchar', length: 64 })
  inputHash!: string;

  @Column({ type: 'double precision' })
  overall!: number;

  @Column({ type: 'integer' })
  tier!: number;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'integer' })
  contradictionCount!: number;

  /** What asked for it: submit, rescore, plan_published, scoring_change, scan. */
  @Column({ type: 'varchar', length: 32 })
  trigger!: string;

  @Column({ type: 'text' })
  result!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment>;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessmentId' })
  assessment?: Relation<Assessment>;
}
