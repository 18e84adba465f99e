import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Assessment } from './assessment.entity';
import { UuidEntity } from './columns';
import { User } from './user.entity';

/** A proof attached to an answer. The bytes live in the evidence storage; the row keeps their SHA-256. */
@Entity('evidence_file')
@Index(['assessmentId', 'measureId'])
export class EvidenceFile extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  assessmentId!: string;

  @Column({ type: 'varchar', length: 12 })
  measureId!: string;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  uploadedById!: string | null;

  @CreateDateColumn()
  createdAt!: Date;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessmentId' })
  assessment?: Relation<Assessment>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploadedById' })
  uploadedBy?: Relation<User> | null;
}
