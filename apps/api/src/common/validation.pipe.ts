import { type ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@vigie/common';
import { inputRefusal, inspectInput } from './input-hygiene';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The edge middleware already checked JSON bodies; multipart fields are parsed by multer inside the route, so
 * bodies get the same hygiene check here, before class-transformer walks them.
 */
class HygienicValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && typeof value === 'object' && value !== null) {
      const refusal = inputRefusal(inspectInput(value));
      if (refusal) throw refusal;
    }
    return super.transform(value, metadata);
  }
}

/** Rejects unknown fields and wrong types with a 400 that lists every problem by field. */
export function createValidationPipe() {
  return new HygienicValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Validation failed', details: flatten(errors) }),
  });
}
