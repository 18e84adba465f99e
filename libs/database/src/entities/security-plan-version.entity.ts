import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const PLAN_STATUSES = ['draft', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A version of the security plan. Once published its content never changes: old assessments keep reading it. */
@Entity('security_plan_version')
export class SecurityPlanVersion {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  version!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PlanStatus;

  /** `file` (config/security-plan) or `api` (loaded by an administrator). */
  @Column({ type: 'varchar', length: 8 })
  source!: 'file' | 'api';

  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  /** The validated plan, as JSON. */
  @Column({ type: 'text' })
  content!: string;

  @Column({ type: Date, nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;
}
