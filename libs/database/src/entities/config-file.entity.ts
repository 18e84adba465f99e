import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UuidEntity } from './columns';
import { Establishment } from './establishment.entity';
import { User } from './user.entity';

export const CONFIG_KINDS = ['sshd', 'nginx', 'apache', 'secedit'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/**
 * An uploaded configuration (sshd_config, nginx, Apache, secedit export) with the files it includes. The text is
 * kept in the database, decoded to UTF-8: files are small and the worker, which may run elsewhere, reads them.
 */
@Entity('config_file')
@Index(['establishmentId', 'createdAt'])
export class ConfigFile extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  establishmentId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ConfigKind;

  /** The file the audit starts from; the others are reachable through its includes. */
  @Column({ type: 'varchar', length: 255 })
  entry!: string;

  /** Label given by the establishment ("bastion SSH", "reverse proxy DMZ"). */
  @Column({ type: 'varchar', length: 200 })
  label!: string;

  /** JSON object: file name → content. */
  @Column({ type: 'text' })
  files!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  uploadedById!: string | null;

  @CreateDateColumn()
  createdAt!: Date;

  @ManyToOne(() => Establishment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'establishmentId' })
  establishment?: Relation<Establishment>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploadedById' })
  uploadedBy?: Relation<User> | null;
}
