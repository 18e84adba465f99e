import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UuidEntity } from './columns';
import { User } from './user.entity';

/**
 * One refresh token of a rotation family. Each refresh consumes a token and issues the next one of the same
 * family; presenting a consumed token again is reuse, and revokes the whole family.
 */
@Entity('refresh_token')
export class RefreshToken extends UuidEntity {
  @Index()
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  familyId!: string;

  /** SHA-256 of the token: the token itself is never stored. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Index()
  @Column({ type: Date })
  expiresAt!: Date;

  @Column({ type: Date, nullable: true })
  consumedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  revokedReason!: string | null;

  @CreateDateColumn()
  createdAt!: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: Relation<User>;
}
