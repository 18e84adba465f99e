import { InitSqlite1795426984951 } from './1795426984951-init';
import { AuditAppendOnlySqlite1795427000000 } from './1795427000000-audit-append-only';
import { AssessmentsAndScoresSqlite1795431349366 } from './1795431349366-assessments-and-scores';
import { AssetsSqlite1795433980019 } from './1795433980019-assets';
import { OneDraftPerEstablishmentSqlite1795435563491 } from './1795435563491-one-draft-per-establishment';
import { ScansSqlite1795438415339 } from './1795438415339-scans';
import { ScanRunTokenSqlite1795441124320 } from './1795441124320-scan-run-token';
import { ScanRecoveriesSqlite1795443089933 } from './1795443089933-scan-recoveries';
import { CanonicalIpv6AssetsSqlite1795446000000 } from './1795446000000-canonical-ipv6-assets';
import { AssetReachabilitySqlite1796321315409 } from './1796321315409-asset-reachability';
import { AuditEventRegionsSqlite1796324504242 } from './1796324504242-AuditEventRegions';
import { ScanUnreachableTasksSqlite1796325716797 } from './1796325716797-scan-unreachable-tasks';

/** In order. A schema change adds one migration here and its twin in ../postgres. */
export const SQLITE_MIGRATIONS = [
  InitSqlite1795426984951,
  AuditAppendOnlySqlite1795427000000,
  AssessmentsAndScoresSqlite1795431349366,
  AssetsSqlite1795433980019,
  OneDraftPerEstablishmentSqlite1795435563491,
  ScansSqlite1795438415339,
  ScanRunTokenSqlite1795441124320,
  ScanRecoveriesSqlite1795443089933,
  CanonicalIpv6AssetsSqlite1795446000000,
  AssetReachabilitySqlite1796321315409,
  AuditEventRegionsSqlite1796324504242,
  ScanUnreachableTasksSqlite1796325716797,
];
