/** Error codes that cross layers; the API maps each to one HTTP status in a single filter. */
export enum ErrorCode {
  BadRequest = 'bad_request',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Locked = 'locked',
  PayloadTooLarge = 'payload_too_large',
  RateLimited = 'rate_limited',
  Unavailable = 'unavailable',
}

export interface ErrorDetail {
  field?: string;
  problem: string;
}

/** An expected failure, with a message that tells the caller what is wrong. */
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
}

export const notFound = (what: string, id: string) =>
  new DomainError(ErrorCode.NotFound, `${what} ${id} not found`);
export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new DomainError(ErrorCode.BadRequest, message, details);
export const forbidden = (message: string) => new DomainError(ErrorCode.Forbidden, message);
export const conflict = (message: string, details?: ErrorDetail[]) =>
  new DomainError(ErrorCode.Conflict, message, details);
