import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Assessment } from './assessment.entity';
import { User } from './user.entity';

export const ANSWER_STATUSES = ['level', 'dont_know', 'not_applicable'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** The answer to one measure. `revision` grows with every save: a save naming an older revision is refused. */
@Entity('assessment_answer')
export class AssessmentAnswer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  assessmentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  measureId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AnswerStatus;

  @Column({ type: 'integer', nullable: true })
  level!: number | null;

  /** Mandatory for "not applicable". */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  updatedById!: string | null;

  @UpdateDateColumn()
  updatedAt!: Date;

  @ManyToOne(() => Assessment, (a) => a.answers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessmentId' })
  assessment?: Relation<Assessment>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updatedById' })
  updatedBy?: Relation<User> | null;
}
