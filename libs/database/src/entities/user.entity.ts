import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, type Relation } from 'typeorm';
import { TimestampedEntity } from './columns';
import { Region } from './region.entity';
import { UserEstablishment } from './user-establishment.entity';

export const ROLES = ['national_admin', 'regional_analyst', 'establishment_ciso'] as const;
export type Role = (typeof ROLES)[number];

@Entity('user')
export class User extends TimestampedEntity {
  /** Stored lower-case; unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  /** argon2id. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  /** The region of a regional analyst; null for the other roles. */
  @Index()
  @Column({ type: 'varchar', length: 3, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ type: Date, nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: Date, nullable: true })
  lastLoginAt!: Date | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regionCode' })
  region?: Relation<Region> | null;

  /** The establishments of a CISO. */
  @OneToMany(() => UserEstablishment, (link) => link.user)
  establishmentLinks?: Relation<UserEstablishment[]>;
}
