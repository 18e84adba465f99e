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

  // Users, accounts and API keys

  // Establishments, legal entities, GHTs and regions

  // Assets and their verification

  // Security plans, assessments, answers and evidence

  // Scores and jobs

  // Scans, findings and uploaded configurations

  // Infrastructure
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

  // Users, accounts and API keys

  // Establishments, legal entities, GHTs and regions

  // Assets and their verification

  // Security plans, assessments, answers and evidence

  // Scores and jobs

  // Scans, findings and uploaded configurations

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
