import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { codeForStatus, DomainError, ErrorCode, type ErrorDetail } from '@vigie/common';
import type { Response } from 'express';
import { QueueUnavailableError } from '@vigie/queue';
import { isUniqueViolation, ONE_DRAFT_PER_ESTABLISHMENT, uniqueViolationTable } from '@vigie/database';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
  details?: ErrorDetail[];
  [extra: string]: unknown;
}

export function errorBody(
  statusCode: number,
  message: string,
  details?: ErrorDetail[],
  code: ErrorCode = codeForStatus(statusCode),
): ErrorBody {
  return {
    statusCode,
    code,
    error: REASON[statusCode] ?? 'Error',
    message,
    ...(details?.length ? { details } : {}),
  };
}

/**
 * The services check these before writing; a request that loses a race between that check and its insert hits
 * the index instead, and gets the same code the check gives. Each of these tables has one business unique key.
 */
const CONFLICT_BY_TABLE: Readonly<Record<string, { code: ErrorCode; message: string }>> = {
  user: { code: ErrorCode.UserEmailTaken, message: 'A user with this e-mail already exists' },
  asset: { code: ErrorCode.AssetDuplicate, message: 'This establishment already registered this asset' },
  establishment: {
    code: ErrorCode.EstablishmentFinessTaken,
    message: 'An establishment with this FINESS already exists',
  },
  legal_entity: {
    code: ErrorCode.LegalEntityFinessTaken,
    message: 'A legal entity with this FINESS already exists',
  },
  ght: { code: ErrorCode.GhtNameTaken, message: 'A GHT with this name already exists in the region' },
  assessment_answer: {
    code: ErrorCode.AnswerRevisionConflict,
    message: 'Someone else saved this answer at the same moment: reload it and save again',
  },
  assessment: {
    code: ErrorCode.AssessmentDraftExists,
    message: 'A draft assessment was just opened for this establishment by someone else',
  },
};
/** The body of an expected failure, wherever it is answered (the filter, the edge, the queue dashboard). */
export function domainErrorBody(error: DomainError): ErrorBody {
  return { ...error.extra, ...errorBody(error.status, error.message, error.details, error.code) };
}

/** SQLite names a partial unique index rather than its columns. */
const PARTIAL_INDEX_TABLES = { [ONE_DRAFT_PER_ESTABLISHMENT.name]: ONE_DRAFT_PER_ESTABLISHMENT.table };

export function uniqueConflictBody(error: unknown): ErrorBody {
  const table = uniqueViolationTable(error, PARTIAL_INDEX_TABLES);
  const known = table ? CONFLICT_BY_TABLE[table] : undefined;
  return known
    ? errorBody(409, known.message, undefined, known.code)
    : errorBody(
        409,
        'A resource with the same unique value already exists',
        undefined,
        ErrorCode.ResourceConflict,
      );
}

/** Maps every error to `{statusCode, code, error, message, details?}`; only unexpected ones are logged as errors. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (exception instanceof DomainError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) res.setHeader(name, value);
    }
    if (body.statusCode >= 500 && body.statusCode !== 503) {
      this.logger.error(exception instanceof Error ? exception : String(exception));
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) return domainErrorBody(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message.join('; ') ?? exception.message)
            : String((response as { message?: unknown }).message ?? exception.message);
      if (status === HttpStatus.NOT_FOUND && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(message)) {
        return errorBody(
          404,
          `No route ${message.replace(/^Cannot /, '')}`,
          undefined,
          ErrorCode.RouteNotFound,
        );
      }
      return errorBody(status, message);
    }
    if (exception instanceof QueueUnavailableError) {
      return errorBody(
        503,
        `The job queue is unavailable: ${exception.message}`,
        undefined,
        ErrorCode.QueueUnavailable,
      );
    }
    if (isUniqueViolation(exception)) return uniqueConflictBody(exception);
    return errorBody(500, 'Internal server error');
  }
}
