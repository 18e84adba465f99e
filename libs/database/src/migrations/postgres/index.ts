import { InitPostgres1795426989461 } from './1795426989461-init';
import { AuditAppendOnlyPostgres1795427000000 } from './1795427000000-audit-append-only';
import { AssessmentsAndScoresPostgres1795431355581 } from './1795431355581-assessments-and-scores';
import { AssetsPostgres1795433982806 } from './1795433982806-assets';
import { OneDraftPerEstablishmentPostgres1795435566919 } from './1795435566919-one-draft-per-establishment';
import { ScansPostgres1795438418657 } from './1795438418657-scans';
import { ScanRunTokenPostgres1795441128030 } from './1795441128030-scan-run-token';
import { ScanRecoveriesPostgres1795443093207 } from './1795443093207-scan-recoveries';
import { CanonicalIpv6AssetsPostgres1795446000000 } from './1795446000000-canonical-ipv6-assets';
import { AssetReachabilityPostgres1796321350934 } from './1796321350934-asset-reachability';
import { AuditEventRegionsPostgres1796324522432 } from './1796324522432-AuditEventRegions';
import { ScanUnreachableTasksPostgres1796325721740 } from './1796325721740-scan-unreachable-tasks';

/** In order. A schema change adds one migration here and its twin in ../sqlite. */
export const POSTGRES_MIGRATIONS = [
  InitPostgres1795426989461,
  AuditAppendOnlyPostgres1795427000000,
  AssessmentsAndScoresPostgres1795431355581,
  AssetsPostgres1795433982806,
  OneDraftPerEstablishmentPostgres1795435566919,
  ScansPostgres1795438418657,
  ScanRunTokenPostgres1795441128030,
  ScanRecoveriesPostgres1795443093207,
  CanonicalIpv6AssetsPostgres1795446000000,
  AssetReachabilityPostgres1796321350934,
  AuditEventRegionsPostgres1796324522432,
  ScanUnreachableTasksPostgres1796325721740,
];
