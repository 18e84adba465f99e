import { ApiKey } from './api-key.entity';
import { Asset } from './asset.entity';
import { AssessmentAnswer } from './assessment-answer.entity';
import { Assessment } from './assessment.entity';
import { AuditEvent } from './audit-event.entity';
import { AuditEventRegion } from './audit-event-region.entity';
import { ConfigFile } from './config-file.entity';
import { Departement } from './departement.entity';
import { Establishment } from './establishment.entity';
import { EvidenceFile } from './evidence-file.entity';
import { Finding } from './finding.entity';
import { Ght } from './ght.entity';
import { JobOutbox } from './job-outbox.entity';
import { LegalEntity } from './legal-entity.entity';
import { RefreshToken } from './refresh-token.entity';
import { Region } from './region.entity';
import { ScanFinding } from './scan-finding.entity';
import { ScanTask } from './scan-task.entity';
import { Scan } from './scan.entity';
import { ScoreSnapshot } from './score-snapshot.entity';
import { SecurityPlanVersion } from './security-plan-version.entity';
import { UserEstablishment } from './user-establishment.entity';
import { User } from './user.entity';

export * from './api-key.entity';
export * from './asset.entity';
export * from './assessment-answer.entity';
export * from './assessment.entity';
export * from './audit-event.entity';
export * from './audit-event-region.entity';
export * from './columns';
export * from './config-file.entity';
export * from './departement.entity';
export * from './establishment.entity';
export * from './evidence-file.entity';
export * from './finding.entity';
export * from './ght.entity';
export * from './job-outbox.entity';
export * from './legal-entity.entity';
export * from './refresh-token.entity';
export * from './region.entity';
export * from './scan-finding.entity';
export * from './scan-task.entity';
export * from './scan.entity';
export * from './score-snapshot.entity';
export * from './security-plan-version.entity';
export * from './user-establishment.entity';
export * from './user.entity';

export const ENTITIES = [
  Region,
  Departement,
  Ght,
  LegalEntity,
  Establishment,
  User,
  UserEstablishment,
  RefreshToken,
  ApiKey,
  AuditEvent,
  AuditEventRegion,
  SecurityPlanVersion,
  Assessment,
  AssessmentAnswer,
  EvidenceFile,
  ScoreSnapshot,
  JobOutbox,
  Asset,
  ConfigFile,
  Scan,
  ScanTask,
  Finding,
  ScanFinding,
];
