import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TimestampedEntity } from './columns';
import { Departement } from './departement.entity';
import { Ght } from './ght.entity';
import { LegalEntity } from './legal-entity.entity';
import { Region } from './region.entity';

export const ESTABLISHMENT_CATEGORIES = [
  'chu',
  'ch',
  'private_clinic',
  'espic',
  'clcc',
  'psychiatric',
  'ehpad',
  'had',
  'smr',
  'other',
] as const;
export type EstablishmentCategory = (typeof ESTABLISHMENT_CATEGORIES)[number];

/** French labels, for content users read. */
export const ESTABLISHMENT_CATEGORY_LABELS: Record<EstablishmentCategory, string> = {
  chu: 'Centre hospitalier universitaire (CHU)',
  ch: 'Centre hospitalier (CH)',
  private_clinic: 'Clinique privée',
  espic: 'Établissement de santé privé d’intérêt collectif (ESPIC)',
  clcc: 'Centre de lutte contre le cancer (CLCC)',
  psychiatric: 'Établissement psychiatrique',
  ehpad: 'EHPAD',
  had: 'Hospitalisation à domicile (HAD)',
  smr: 'Soins médicaux et de réadaptation (SMR)',
  other: 'Autre',
};

/** Établissement (FINESS ET): one site, the unit that is assessed, scanned and scored. */
@Entity('establishment')
@Index(['regionCode', 'category'])
export class Establishment extends TimestampedEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 9 })
  finess!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: EstablishmentCategory;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  legalEntityId!: string;

  /** Derived from the FINESS département, never typed in. */
  @Column({ type: 'varchar', length: 3 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 3 })
  departementCode!: string;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  ghtId!: string | null;

  @Column({ type: 'integer', nullable: true })
  bedCount!: number | null;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legalEntityId' })
  legalEntity?: Relation<LegalEntity>;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regionCode' })
  region?: Relation<Region>;

  @ManyToOne(() => Departement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departementCode' })
  departement?: Relation<Departement>;

  @ManyToOne(() => Ght, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ghtId' })
  ght?: Relation<Ght> | null;
}
