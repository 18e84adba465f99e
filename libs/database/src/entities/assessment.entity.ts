import type { EstablishmentCategory } from '@vigie/common';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, type Relation } from 'typeorm';
import type { UniqueIndex } from '../unique-violation';
import { TimestampedEntity } from './columns';
import { Establishment } from './establishment.entity';
import { SecurityPlanVersion } from './security-plan-version.entity';
import { User } from './user.entity';
import { AssessmentAnswer } from './assessment-answer.entity';

export const ASSESSMENT_STATUSES = ['draft', 'submitted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The partial unique index that keeps one draft per establishment, as both dialects name it when it is hit. */
export const ONE_DRAFT_PER_ESTABLISHMENT: UniqueIndex = {
  name: 'UQ_assessment_one_draft',
  table: 'assessment',
  columns: ['establishmentId'],
};

/**
 * A self-assessment of one establishment against one plan version. The profile (category, beds, mode) is
 * frozen at creation so the questionnaire and its score never shift under the CISO's feet.
 */
@Entity('assessment')
@Index(['establishmentId', 'status', 'submittedAt'])
// At most one draft per establishment, even when two CISOs start one at the same moment.
@Index(ONE_DRAFT_PER_ESTABLISHMENT.name, ONE_DRAFT_PER_ESTABLISHMENT.columns, {
  unique: true,
  where: `"status" = 'draft'`,
})
export class Assessment extends TimestampedEntity {
  @Column({ type: 'varchar', length: 36 })
  establishmentId!: string;

  @Column({ type: 'varchar', length: 16 })
  planVersion!: string;

  @Column({ type: 'varchar', length: 8 })
  mode!: 'short' | 'full';

  @Column({ type: 'varchar', length: 32 })
  profileCategory!: EstablishmentCategory;

  @Column({ type: 'integer', nullable: true })
  profileBedCount!: number | null;

  @Column({ type: 'varchar', length: 16 })
  status!: AssessmentStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdById!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  submittedById!: string | null;

  @Column({ type: Date, nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  copiedFromId!: string | null;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment>;

  @ManyToOne(() => SecurityPlanVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'planVersion' })
  plan?: Relation<SecurityPlanVersion>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'createdById' })
  createdBy?: Relation<User> | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submittedById' })
  submittedBy?: Relation<User> | null;

  @OneToMany(() => AssessmentAnswer, (a) => a.assessment)
  answers?: Relation<AssessmentAnswer[]>;
}
