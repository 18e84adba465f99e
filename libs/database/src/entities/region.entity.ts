import { Column, Entity, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import { Departement } from './departement.entity';

/** One of the 18 French regions (INSEE code), each with its ARS. Reference data seeded from config/. */
@Entity('region')
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 120 })
  arsName!: string;

  @Column({ type: 'boolean', default: false })
  overseas!: boolean;

  @OneToMany(() => Departement, (d) => d.region)
  departements?: Relation<Departement[]>;
}
