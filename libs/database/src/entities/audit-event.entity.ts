import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ACTOR_TYPES = ['user', 'api_key', 'system', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type AuditChanges = Record<string, { from?: unknown; to?: unknown }>;

/**
 * Append-only: the migrations install triggers that refuse UPDATE and DELETE on this table. The sequence id
 * orders events and serves as a stable pagination cursor.
 */
@Entity('audit_event')
@Index(['regionCode', 'id'])
@Index(['resourceType', 'resourceId'])
export class AuditEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @CreateDateColumn()
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  actorType!: ActorType;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  /** E-mail of a user or name of an API key at the time of the event. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  actorLabel!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  resourceId!: string | null;

  /** The region the resource belongs to, so analysts can read their region's trail. */
  @Column({ type: 'varchar', length: 3, nullable: true })
  regionCode!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  establishmentId!: string | null;

  /** Changed fields with their old and new values; secrets are never written here. */
  @Column({ type: 'simple-json', nullable: true })
  changes!: AuditChanges | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;
}
