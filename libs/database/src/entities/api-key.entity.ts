import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UuidEntity } from './columns';
import { Establishment } from './establishment.entity';
import { Region } from './region.entity';
import { User } from './user.entity';

export const API_KEY_ACCESS = ['read', 'read_write'] as const;
export type ApiKeyAccess = (typeof API_KEY_ACCESS)[number];

/** A machine credential scoped to one establishment or one region. Only its SHA-256 is stored. */
@Entity('api_key')
export class ApiKey extends UuidEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The public part of the key (shown in lists), used to find the row. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  createdById!: string;

  @Column({ type: 'varchar', length: 16 })
  access!: ApiKeyAccess;

  @Index()
  @Column({ type: 'varchar', length: 3, nullable: true })
  regionCode!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  establishmentId!: string | null;

  @Column({ type: Date, nullable: true })
  expiresAt!: Date | null;

  @Column({ type: Date, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'createdById' })
  createdBy?: Relation<User>;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regionCode' })
  region?: Relation<Region> | null;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment> | null;
}
