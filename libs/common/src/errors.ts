/**
 * Every error the API can answer, as a stable machine code. The web application shows French text by code, so
 * no client ever parses an English message. Codes are grouped by domain; add a code in its group, give it a
 * status in ERROR_STATUS (the compiler insists) and a line in docs/errors.md.
 */
export enum ErrorCode {
  // The request itself
  RequestInvalid = 'request.invalid',
  RequestMalformed = 'request.malformed',
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

  // Users, accounts and API keys

  // Establishments, legal entities, GHTs and regions

  // Assets and their verification
  AssetDuplicate = 'asset.duplicate',
  AssetAddressReserved = 'asset.address_reserved',

  // Security plans, assessments, answers and evidence

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

  // Infrastructure
  QueueUnavailable = 'queue.unavailable',
  Internal = 'internal',
}

/** The HTTP status of each code: a Record, so a code without a status does not compile. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.RequestInvalid]: 400,
  [ErrorCode.RequestMalformed]: 400,
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

  // Users, accounts and API keys

  // Establishments, legal entities, GHTs and regions

  // Assets and their verification
  [ErrorCode.AssetDuplicate]: 409,
  [ErrorCode.AssetAddressReserved]: 400,

  // Security plans, assessments, answers and evidence

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
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError(ErrorCode.ResourceNotFound, `${what} ${id} not found`);
export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new DomainError(ErrorCode.RequestInvalid, message, details);
export const forbidden = (message: string) => new DomainError(ErrorCode.AccessForbidden, message);
export const conflict = (message: string, details?: ErrorDetail[]) =>
  new DomainError(ErrorCode.ResourceConflict, message, details);
