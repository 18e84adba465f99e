import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isSecretField, REDACTED } from '@vigie/common';
import { AuditEvent, AuditEventRegion, type AuditChanges } from '@vigie/database';
import { currentRequestContext } from '@vigie/observability';
import type { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  regionCode?: string | null;
  /** For events about a person followed by several regions (a CISO of sites in two regions). */
  regionCodes?: string[];
  establishmentId?: string | null;
  changes?: AuditChanges | null;
}

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Field-by-field difference of two snapshots of a resource. Secrets appear only as "[redacted]", and only
 * to say that they changed.
 */
export function diffChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields: readonly string[],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const from = comparable(before?.[field]);
    const to = comparable(after?.[field]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = isSecretField(field)
      ? { ...(before ? { from: REDACTED } : {}), ...(after ? { to: REDACTED } : {}) }
      : { ...(before ? { from } : {}), ...(after ? { to } : {}) };
  }
  return changes;
}

/** Writes audit events, inside the caller's transaction when given one, so a change and its trace commit together. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const ctx = currentRequestContext();
    const actor = ctx?.actor ?? { type: 'system' as const, id: null, label: null };
    const event = Object.assign(new AuditEvent(), {
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      regionCode: entry.regionCode ?? entry.regionCodes?.[0] ?? null,
      establishmentId: entry.establishmentId ?? null,
      changes: entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null,
      requestId: ctx?.requestId ?? null,
      ip: ctx?.ip ?? null,
    });
    const writer = manager ?? this.events.manager;
    // The cast: insert's deep-partial typing rejects the free-form `changes` JSON.
    const inserted = await writer.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
    const further = [...new Set(entry.regionCodes ?? [])].filter((code) => code !== event.regionCode);
    if (further.length > 0) {
      const eventId = (inserted.identifiers[0] as { id: number }).id;
      await writer.insert(
        AuditEventRegion,
        further.map((regionCode) => ({ eventId, regionCode })),
      );
    }
  }
}
