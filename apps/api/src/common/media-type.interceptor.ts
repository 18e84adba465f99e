import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@vigie/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * Where @ApiConsumes stores its media types (@nestjs/swagger's DECORATORS.API_CONSUMES, not exported from the
 * package root). Reading the documented types means the API accepts exactly what its OpenAPI document says.
 */
const API_CONSUMES = 'swagger/apiConsumes';
const JSON_TYPES = ['application/json', 'application/*+json'];

/** A body is present when one is announced: chunked, or a non-zero length. */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

/**
 * Refuses a body whose media type the route does not take with 415, before any upload parsing or validation:
 * otherwise a JSON body sent as text/plain is silently ignored and the route runs on defaults. Routes take
 * application/json unless they declare other types with @ApiConsumes (multipart uploads). Requests without a
 * body are not concerned. Global interceptors run before a route's own (multer's), so nothing is read first.
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (!hasBody(req)) return next.handle();
    const declared = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const accepted = declared && declared.length > 0 ? declared : JSON_TYPES;
    if (!req.is(accepted)) {
      const sent = req.headers['content-type']?.split(';')[0].trim() || 'a body without Content-Type';
      const wanted = accepted.filter((type) => !type.includes('*')).join(' or ');
      throw new DomainError(
        ErrorCode.RequestUnsupportedMediaType,
        `Send the body as ${wanted} (${sent} is not accepted here)`,
      );
    }
    return next.handle();
  }
}
