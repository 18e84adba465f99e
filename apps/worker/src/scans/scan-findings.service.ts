import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { jobIds, JobName } from '@vigie/contracts';
import {
  Assessment,
  Asset,
  ConfigFile,
  Finding,
  type FindingChange,
  RESOLVING_TASK_STATUSES,
  type Scan,
  ScanFinding,
  type ScanTask,
} from '@vigie/database';
import { JobProducer } from '@vigie/queue';
import { type CheckFinding, diffFindings, nextScheduledScan } from '@vigie/scan-checks';
import { DataSource, type EntityManager, In } from 'typeorm';

type Seen = CheckFinding & { family: string; checkVersion: string };

/** Turns what a scan saw into tracked findings: new, persisting, resolved, with first-seen and last-seen dates. */
@Injectable()
export class ScanFindingsService {
  private readonly logger = new Logger(ScanFindingsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async apply(manager: EntityManager, scan: Scan, tasks: ScanTask[]): Promise<Record<FindingChange, number>> {
    const counts: Record<FindingChange, number> = { new: 0, persisting: 0, resolved: 0 };
    const bySubject = new Map<string, ScanTask[]>();
    for (const task of tasks) bySubject.set(task.subjectId, [...(bySubject.get(task.subjectId) ?? []), task]);
    const now = new Date();
    for (const [subjectId, subjectTasks] of bySubject) {
      // A skipped family (port closed, no web server) ran to its end: what it no longer sees is resolved. A
      // failed or unreachable one resolves nothing: its earlier findings stay open, last seen when they were.
      const finished = subjectTasks.filter((t) => RESOLVING_TASK_STATUSES.includes(t.status));
      const seen: Seen[] = finished.flatMap((t) =>
        (JSON.parse(t.findings ?? '[]') as CheckFinding[]).map((f) => ({
          ...f,
          family: t.family,
          checkVersion: t.checkVersion ?? 'unknown',
        })),
      );
      const subjectType = subjectTasks[0].subjectType;
      // A subject deleted while it was scanned keeps no findings: its deletion removed them for good.
      const exists =
        subjectType === 'asset'
          ? await manager.exists(Asset, { where: { id: subjectId } })
          : await manager.exists(ConfigFile, { where: { id: subjectId } });
      if (!exists) continue;
      const known = await manager.find(Finding, {
        where: { subjectId, establishmentId: scan.establishmentId },
      });
      const diff = diffFindings(known, seen, new Set(finished.map((t) => t.family)));
      const byFingerprint = new Map(known.map((k) => [k.fingerprint, k]));
      const links: ScanFinding[] = [];

      for (const { fingerprint, finding } of diff.opened) {
        const fields = {
          severity: finding.severity,
          target: finding.target.slice(0, 2048),
          title: finding.title.slice(0, 500),
          evidence: finding.evidence,
          remediation: finding.remediation,
          checkVersion: finding.checkVersion,
          status: 'open' as const,
          firstSeenAt: now,
          lastSeenAt: now,
          resolvedAt: null,
          firstScanId: scan.id,
          lastScanId: scan.id,
          resolvedScanId: null,
        };
        const before = byFingerprint.get(fingerprint);
        let id = before?.id;
        if (before) await manager.update(Finding, { id: before.id }, fields);
        else {
          const row = manager.create(Finding, {
            ...fields,
            establishmentId: scan.establishmentId,
            subjectId,
            subjectType,
            family: finding.family,
            checkId: finding.checkId,
            fingerprint,
          });
          await manager.insert(Finding, row);
          id = row.id;
        }
        links.push(manager.create(ScanFinding, { scanId: scan.id, findingId: id, change: 'new' }));
      }
      for (const { fingerprint, finding } of diff.persisting) {
        const before = byFingerprint.get(fingerprint)!;
        await manager.update(
          Finding,
          { id: before.id },
          {
            severity: finding.severity,
            title: finding.title.slice(0, 500),
            evidence: finding.evidence,
            remediation: finding.remediation,
            checkVersion: finding.checkVersion,
            status: 'open',
            lastSeenAt: now,
            lastScanId: scan.id,
          },
        );
        links.push(
          manager.create(ScanFinding, { scanId: scan.id, findingId: before.id, change: 'persisting' }),
        );
      }
      const resolvedIds = diff.resolved.map((fingerprint) => byFingerprint.get(fingerprint)!.id);
      if (resolvedIds.length > 0)
        await manager.update(
          Finding,
          { id: In(resolvedIds) },
          { status: 'resolved', resolvedAt: now, resolvedScanId: scan.id },
        );
      for (const id of resolvedIds)
        links.push(manager.create(ScanFinding, { scanId: scan.id, findingId: id, change: 'resolved' }));
      for (let i = 0; i < links.length; i += 200) await manager.insert(ScanFinding, links.slice(i, i + 200));
      counts.new += diff.opened.length;
      counts.persisting += diff.persisting.length;
      counts.resolved += diff.resolved.length;
    }
    return counts;
  }

  async markScanned(manager: EntityManager, assetIds: string[], scannedAt: Date): Promise<void> {
    await manager.update(
      Asset,
      { id: In(assetIds) },
      { lastScannedAt: scannedAt, nextScanAt: nextScheduledScan(scannedAt, this.config.scan.intervalDays) },
    );
  }

  /**
   * Re-scores the establishment's latest submitted assessment with its findings as they now stand. Best effort: a
   * Redis failure is logged, the findings are stored and the next scoring of the establishment will see them.
   */
  async queueScoring(scan: Scan): Promise<boolean> {
    const latest = await this.dataSource.getRepository(Assessment).findOne({
      where: { establishmentId: scan.establishmentId, status: 'submitted' },
      order: { submittedAt: 'DESC' },
    });
    if (!latest) return false;
    try {
      await this.producer.enqueue(
        JobName.ScoreAssessment,
        { version: 1, assessmentId: latest.id, trigger: 'scan' },
        { jobId: jobIds.scoreAfterScan(latest.id, scan.id) },
      );
      return true;
    } catch (error) {
      this.logger.warn(`Scoring after scan ${scan.id} not queued: ${(error as Error).message}`);
      return false;
    }
  }
}
