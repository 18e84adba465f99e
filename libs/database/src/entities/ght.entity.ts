import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TimestampedEntity } from './columns';
import { Region } from './region.entity';

/** Groupement hospitalier de territoire: public hospitals of one territory, inside one region. */
@Entity('ght')
@Index(['regionCode', 'name'], { unique: true })
export class Ght extends TimestampedEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 3 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regionCode' })
  region?: Relation<Region>;
}
