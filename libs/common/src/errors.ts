/**
 * Every error the API can answer, as a stable machine code. The web application shows French text by code, so
 * no client ever parses an English message. Codes are grouped by domain; add a code in its group, give it a
 * status in ERROR_STATUS (the compiler insists) and a line in docs/errors.md.
 */
export enum ErrorCode {
  // The request itself
  RequestInvalid = 'request.invalid',
  RequestMalformed = 'request.malformed',
  /** A string holds a NUL character or an unpaired surrogate, which no database stores faithfully. */
  RequestInvalidString = 'request.invalid_string',
  RequestTooLarge = 'request.too_large',
  RequestUnsupportedMediaType = 'request.unsupported_media_type',
  RouteNotFound = 'route.not_found',
  ResourceNotFound = 'resource.not_found',
  ResourceConflict = 'resource.conflict',

  // Sign-in and access
  AuthUnauthenticated = 'auth.unauthenticated',
  AuthInvalidCredentials = 'auth.invalid_credentials',
  AuthInvalidRefreshToken = 'auth.invalid_refresh_token',
  AuthAccountDisabled = 'auth.account_disabled',
  AuthLocked = 'auth.locked',
  AuthRateLimited = 'auth.rate_limited',
  AccessForbidden = 'access.forbidden',
  AccessCrossSiteRequest = 'access.cross_site_request',

  // Users, accounts and API keys
  UserNotFound = 'user.not_found',
  UserEmailTaken = 'user.email_taken',
  UserSelfLockout = 'user.self_lockout',
  UserRoleScopeInvalid = 'user.role_scope_invalid',
  UserManageForbidden = 'user.manage_forbidden',
  UserLastAdmin = 'user.last_admin',
  ApiKeyNotFound = 'api_key.not_found',
  ApiKeyScopeInvalid = 'api_key.scope_invalid',
  ApiKeyScopeExceeded = 'api_key.scope_exceeded',
  ApiKeyResourceForbidden = 'api_key.resource_forbidden',
  ApiKeyReadOnly = 'api_key.read_only',
  UserNotLocked = 'user.not_locked',

  // Establishments, legal entities, GHTs and regions
  EstablishmentNotFound = 'establishment.not_found',
  EstablishmentUnknown = 'establishment.unknown',
  EstablishmentFinessTaken = 'establishment.finess_taken',
  EstablishmentFieldForbidden = 'establishment.field_forbidden',
  FinessInvalid = 'finess.invalid',
  FinessDepartementMismatch = 'finess.departement_mismatch',
  DepartementUnknown = 'departement.unknown',
  LegalEntityNotFound = 'legal_entity.not_found',
  LegalEntityUnknown = 'legal_entity.unknown',
  LegalEntityFinessTaken = 'legal_entity.finess_taken',
  LegalEntityHasEstablishments = 'legal_entity.has_establishments',
  GhtNotFound = 'ght.not_found',
  GhtUnknown = 'ght.unknown',
  GhtRegionMismatch = 'ght.region_mismatch',
  GhtNameTaken = 'ght.name_taken',
  GhtHasEstablishments = 'ght.has_establishments',
  RegionNotFound = 'region.not_found',
  RegionUnknown = 'region.unknown',

  // Assets and their verification
  AssetNotFound = 'asset.not_found',
  AssetInvalid = 'asset.invalid',
  AssetDuplicate = 'asset.duplicate',
  AssetImmutable = 'asset.immutable',
  AssetNoDnsName = 'asset.no_dns_name',
  AssetVerificationFailed = 'asset.verification_failed',
  AssetAddressReserved = 'asset.address_reserved',

  // Security plans, assessments, answers and evidence
  SecurityPlanNotFound = 'security_plan.not_found',
  SecurityPlanInvalid = 'security_plan.invalid',
  SecurityPlanVersionExists = 'security_plan.version_exists',
  SecurityPlanAlreadyPublished = 'security_plan.already_published',
  SecurityPlanNonePublished = 'security_plan.none_published',
  SecurityPlanNotPublished = 'security_plan.not_published',
  AssessmentNotFound = 'assessment.not_found',
  AssessmentFrozen = 'assessment.frozen',
  AssessmentDraftExists = 'assessment.draft_exists',
  AssessmentNothingToCopy = 'assessment.nothing_to_copy',
  AssessmentIncomplete = 'assessment.incomplete',
  MeasureNotFound = 'measure.not_found',
  MeasureNotApplicable = 'measure.not_applicable',
  AnswerRevisionConflict = 'answer.revision_conflict',
  EvidenceNotFound = 'evidence.not_found',
  EvidenceFileMissing = 'evidence.file_missing',
  EvidenceUnsupportedType = 'evidence.unsupported_type',
  EvidenceTooLarge = 'evidence.too_large',

  // Scores and jobs
  /** The establishment has no score: no assessment submitted, or its first scoring is still queued. */
  ScoreNoneYet = 'score.none_yet',
  ScoreNotFound = 'score.not_found',
  /** A rescore was asked for an establishment without a submitted assessment. */
  ScoreNothingSubmitted = 'score.nothing_submitted',
  /** No such job in that queue, or one the caller may not follow (other tenant, platform job). */
  JobNotFound = 'job.not_found',

  // Scans, findings and uploaded configurations
  ScanLimitReached = 'scan.limit_reached',
  ScanNothingToScan = 'scan.nothing_to_scan',
  ScanSubjectInvalid = 'scan.subject_invalid',
  ScanTransitionRefused = 'scan.transition_refused',
  ScanNotFound = 'scan.not_found',
  FindingNotFound = 'finding.not_found',
  ConfigFileNotFound = 'config_file.not_found',
  ConfigFileInvalid = 'config_file.invalid',

  // Infrastructure
  MetricsLoopbackOnly = 'metrics.loopback_only',
  QueueUnavailable = 'queue.unavailable',
  Internal = 'internal',
}

/** The HTTP status of each code: a Record, so a code without a status does not compile. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.RequestInvalid]: 400,
  [ErrorCode.RequestMalformed]: 400,
  [ErrorCode.RequestInvalidString]: 400,
  [ErrorCode.RequestTooLarge]: 413,
  [ErrorCode.RequestUnsupportedMediaType]: 415,
  [ErrorCode.RouteNotFound]: 404,
  [ErrorCode.ResourceNotFound]: 404,
  [ErrorCode.ResourceConflict]: 409,

  [ErrorCode.AuthUnauthenticated]: 401,
  [ErrorCode.AuthInvalidCredentials]: 401,
  [ErrorCode.AuthInvalidRefreshToken]: 401,
  [ErrorCode.AuthAccountDisabled]: 401,
  [ErrorCode.AuthLocked]: 423,
  [ErrorCode.AuthRateLimited]: 429,
  [ErrorCode.AccessForbidden]: 403,
  [ErrorCode.AccessCrossSiteRequest]: 403,

  // Users, accounts and API keys
  [ErrorCode.UserNotFound]: 404,
  [ErrorCode.UserEmailTaken]: 409,
  [ErrorCode.UserSelfLockout]: 400,
  [ErrorCode.UserRoleScopeInvalid]: 400,
  [ErrorCode.UserManageForbidden]: 403,
  [ErrorCode.UserLastAdmin]: 409,
  [ErrorCode.ApiKeyNotFound]: 404,
  [ErrorCode.ApiKeyScopeInvalid]: 400,
  [ErrorCode.ApiKeyScopeExceeded]: 403,
  [ErrorCode.ApiKeyResourceForbidden]: 403,
  [ErrorCode.ApiKeyReadOnly]: 403,
  [ErrorCode.UserNotLocked]: 409,

  // Establishments, legal entities, GHTs and regions
  [ErrorCode.EstablishmentNotFound]: 404,
  [ErrorCode.EstablishmentUnknown]: 400,
  [ErrorCode.EstablishmentFinessTaken]: 409,
  [ErrorCode.EstablishmentFieldForbidden]: 403,
  [ErrorCode.FinessInvalid]: 400,
  [ErrorCode.FinessDepartementMismatch]: 400,
  [ErrorCode.DepartementUnknown]: 400,
  [ErrorCode.LegalEntityNotFound]: 404,
  [ErrorCode.LegalEntityUnknown]: 400,
  [ErrorCode.LegalEntityFinessTaken]: 409,
  [ErrorCode.LegalEntityHasEstablishments]: 409,
  [ErrorCode.GhtNotFound]: 404,
  [ErrorCode.GhtUnknown]: 400,
  [ErrorCode.GhtRegionMismatch]: 400,
  [ErrorCode.GhtNameTaken]: 409,
  [ErrorCode.GhtHasEstablishments]: 409,
  [ErrorCode.RegionNotFound]: 404,
  [ErrorCode.RegionUnknown]: 400,

  // Assets and their verification
  [ErrorCode.AssetNotFound]: 404,
  [ErrorCode.AssetInvalid]: 400,
  [ErrorCode.AssetDuplicate]: 409,
  [ErrorCode.AssetImmutable]: 400,
  [ErrorCode.AssetNoDnsName]: 400,
  [ErrorCode.AssetVerificationFailed]: 400,
  [ErrorCode.AssetAddressReserved]: 400,

  // Security plans, assessments, answers and evidence
  [ErrorCode.SecurityPlanNotFound]: 404,
  [ErrorCode.SecurityPlanInvalid]: 400,
  [ErrorCode.SecurityPlanVersionExists]: 409,
  [ErrorCode.SecurityPlanAlreadyPublished]: 400,
  [ErrorCode.SecurityPlanNonePublished]: 400,
  [ErrorCode.SecurityPlanNotPublished]: 400,
  [ErrorCode.AssessmentNotFound]: 404,
  [ErrorCode.AssessmentFrozen]: 409,
  [ErrorCode.AssessmentDraftExists]: 409,
  [ErrorCode.AssessmentNothingToCopy]: 400,
  [ErrorCode.AssessmentIncomplete]: 400,
  [ErrorCode.MeasureNotFound]: 404,
  [ErrorCode.MeasureNotApplicable]: 400,
  [ErrorCode.AnswerRevisionConflict]: 409,
  [ErrorCode.EvidenceNotFound]: 404,
  [ErrorCode.EvidenceFileMissing]: 400,
  [ErrorCode.EvidenceUnsupportedType]: 400,
  [ErrorCode.EvidenceTooLarge]: 413,

  // Scores and jobs
  [ErrorCode.ScoreNoneYet]: 404,
  [ErrorCode.ScoreNotFound]: 404,
  [ErrorCode.ScoreNothingSubmitted]: 409,
  [ErrorCode.JobNotFound]: 404,

  // Scans, findings and uploaded configurations
  [ErrorCode.ScanLimitReached]: 409,
  [ErrorCode.ScanNothingToScan]: 400,
  [ErrorCode.ScanSubjectInvalid]: 400,
  [ErrorCode.ScanTransitionRefused]: 409,
  [ErrorCode.ScanNotFound]: 404,
  [ErrorCode.FindingNotFound]: 404,
  [ErrorCode.ConfigFileNotFound]: 404,
  [ErrorCode.ConfigFileInvalid]: 400,

  [ErrorCode.MetricsLoopbackOnly]: 403,
  [ErrorCode.QueueUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

/** The code an error without a domain code gets from its status alone (framework errors, unknown routes). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return ErrorCode.RequestInvalid;
    case 401:
      return ErrorCode.AuthUnauthenticated;
    case 403:
      return ErrorCode.AccessForbidden;
    case 404:
      return ErrorCode.ResourceNotFound;
    case 409:
      return ErrorCode.ResourceConflict;
    case 413:
      return ErrorCode.RequestTooLarge;
    case 415:
      return ErrorCode.RequestUnsupportedMediaType;
    case 423:
      return ErrorCode.AuthLocked;
    case 429:
      return ErrorCode.AuthRateLimited;
    case 503:
      return ErrorCode.QueueUnavailable;
    default:
      return status >= 400 && status < 500 ? ErrorCode.RequestInvalid : ErrorCode.Internal;
  }
}

export interface ErrorDetail {
  field?: string;
  problem: string;
}

/** An expected failure, with a code and a message that tells the caller what is wrong. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
    /** Extra members of the error body, as objects rather than text (e.g. the current answer of a conflict). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** `<what> <id> not found`, with the code of that resource (`establishment.not_found`...). */
export const notFound = (what: string, id: string, code: ErrorCode) =>
  new DomainError(code, `${what} ${id} not found`);
