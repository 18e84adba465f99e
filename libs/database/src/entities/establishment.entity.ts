import type { EstablishmentCategory } from '@vigie/common';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TimestampedEntity } from './columns';
import { Departement } from './departement.entity';
import { Ght } from './ght.entity';
import { LegalEntity } from './legal-entity.entity';
import { Region } from './region.entity';

export {
  ESTABLISHMENT_CATEGORIES,
  ESTABLISHMENT_CATEGORY_LABELS,
  type EstablishmentCategory,
} from '@vigie/common';

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
