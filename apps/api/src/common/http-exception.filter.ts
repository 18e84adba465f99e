import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { codeForStatus, DomainError, ErrorCode, type ErrorDetail } from '@vigie/common';
import type { Response } from 'express';
import { QueueUnavailableError } from '@vigie/queue';
import { QueryFailedError } from 'typeorm';

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

/** Unique-constraint violations of both dialects: a conflict the caller can fix, not a server fault. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || /UNIQUE constraint failed/.test(error.message);
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
    if (exception instanceof DomainError) {
      return {
        ...exception.extra,
        ...errorBody(exception.status, exception.message, exception.details, exception.code),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'details' in response) {
        const r = response as { message: string; details: ErrorDetail[] };
        return errorBody(status, r.message, r.details);
      }
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
    if (isUniqueViolation(exception)) {
      return errorBody(
        409,
        'A resource with the same unique value already exists',
        undefined,
        ErrorCode.ResourceConflict,
      );
    }
    return errorBody(500, 'Internal server error');
  }
}
