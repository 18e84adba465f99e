import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The further regions an audit event concerns, beyond its `regionCode`: a CISO in charge of sites in two regions
 * signs in once, and both regions' analysts read that event. Append-only, like the events.
 */
@Entity('audit_event_region')
@Index(['regionCode', 'eventId'])
export class AuditEventRegion {
  @PrimaryColumn({ type: 'integer' })
  eventId!: number;

  @PrimaryColumn({ type: 'varchar', length: 3 })
  regionCode!: string;
}
