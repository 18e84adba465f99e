import { randomUUID } from 'node:crypto';
import { Finding, recordScan } from '@vigie/database';
import { CHECKS_VERSION } from '@vigie/scan-checks';
import type { DataSource } from 'typeorm';

/**
 * An open RDP exposure finding of an establishment, recorded by a manual scan with no task, straight into the
 * database: for tests about reading findings, without running a scan.
 */
export function recordExposedRdp(dataSource: DataSource, establishmentId: string): Promise<Finding> {
  return dataSource.transaction(async (manager) => {
    const scan = await recordScan(manager, {
      establishmentId,
      trigger: 'manual',
      requestedById: null,
      tasks: [],
      checksVersion: CHECKS_VERSION,
    });
    return manager.save(
      manager.create(Finding, {
        establishmentId,
        subjectId: randomUUID(),
        subjectType: 'asset',
        family: 'ports',
        checkId: 'ports.rdp',
        fingerprint: randomUUID().replace(/-/g, ''),
        severity: 'critical',
        target: 'rdp.exemple.fr:3389',
        title: 'Bureau à distance (RDP) exposé',
        evidence: 'Port 3389 ouvert',
        remediation: 'Fermer le port',
        status: 'open',
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
        resolvedAt: null,
        firstScanId: scan.id,
        lastScanId: scan.id,
        resolvedScanId: null,
        checkVersion: 'ports/1.0.0',
      }),
    );
  });
}
