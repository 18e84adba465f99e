import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Establishment } from './establishment.entity';
import { User } from './user.entity';

/** Which establishments a CISO is in charge of (often all the sites of a GHT). */
@Entity('user_establishment')
export class UserEstablishment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 36 })
  establishmentId!: string;

  @ManyToOne(() => User, (u) => u.establishmentLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: Relation<User>;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment>;
}
