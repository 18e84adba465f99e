import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Plain decimal digits only, short enough to stay an exact integer: no `1e20`, `0x10`, ` 7`, or empty string. */
const DECIMAL_INTEGER = /^-?\d{1,15}$/;

/**
 * A whole-number query parameter between `min` and `max`. Only plain decimal text is converted; anything else
 * stays a string and fails IsInt, where Number() would have read `1e20`, `0x10` or an empty value (as 0). The
 * bounds keep every value inside the databases' integer range.
 */
export function IntegerQuery(min: number, max: number) {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value,
    ),
    IsInt({ message: ({ property }) => `${property} must be a whole number` }),
    Min(min),
    Max(max),
  );
}
