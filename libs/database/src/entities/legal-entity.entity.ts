import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TimestampedEntity } from './columns';
import { Departement } from './departement.entity';
import { Region } from './region.entity';

export const LEGAL_STATUSES = ['public', 'private_non_profit', 'private_for_profit'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** Entité juridique (FINESS EJ): the legal body that runs one or more establishments. */
@Entity('legal_entity')
export class LegalEntity extends TimestampedEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 9 })
  finess!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  legalStatus!: LegalStatus;

  /** Where the EJ is registered (from its FINESS); its sites may lie elsewhere. */
  @Index()
  @Column({ type: 'varchar', length: 3 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 3 })
  departementCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regionCode' })
  region?: Relation<Region>;

  @ManyToOne(() => Departement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departementCode' })
  departement?: Relation<Departement>;
}
