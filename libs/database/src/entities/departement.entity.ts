import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Region } from './region.entity';

@Entity('departement')
export class Departement {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index()
  @Column({ type: 'varchar', length: 3 })
  regionCode!: string;

  @ManyToOne(() => Region, (r) => r.departements, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regionCode' })
  region?: Relation<Region>;
}
