import { type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, type ErrorDetail } from '@vigie/common';
import { inputRefusal, inspectInput } from './input-hygiene';

/** Validation rules that are a domain rule of their own: a body failing only those gets the domain's code. */
const CONSTRAINT_CODES: Readonly<Record<string, ErrorCode>> = {
  isFiness: ErrorCode.FinessInvalid,
};

function constraintNames(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.keys(error.constraints ?? {}),
    ...constraintNames(error.children ?? []),
  ]);
}

/** `finess.invalid` when only FINESS rules failed, `request.invalid` for anything else or a mix. */
function validationCode(errors: ValidationError[]): ErrorCode {
  const codes = new Set(
    constraintNames(errors).map((name) => CONSTRAINT_CODES[name] ?? ErrorCode.RequestInvalid),
  );
  return codes.size === 1 ? [...codes][0] : ErrorCode.RequestInvalid;
}

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
      new DomainError(validationCode(errors), 'Validation failed', flatten(errors)),
  });
}
