import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  mixin,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
} from '@nestjs/common';
import { DomainError, type ErrorCode } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { catchError, type Observable, throwError } from 'rxjs';

/**
 * Gives multer's 413 (a file over the size limit) the domain code of the upload, so the client can say which
 * limit was hit. Place it before the FileInterceptor: it catches what the interceptors after it throw.
 */
export function UploadTooLarge(
  code: ErrorCode,
  message: (config: AppConfig) => string,
): Type<NestInterceptor> {
  @Injectable()
  class UploadTooLargeInterceptor implements NestInterceptor {
    constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next
        .handle()
        .pipe(
          catchError((error: unknown) =>
            throwError(() =>
              error instanceof PayloadTooLargeException ? new DomainError(code, message(this.config)) : error,
            ),
          ),
        );
    }
  }
  return mixin(UploadTooLargeInterceptor);
}
