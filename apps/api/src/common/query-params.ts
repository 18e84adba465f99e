import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, Max, Min } from 'class-validator';

/** Plain decimal digits only, short enough to stay an exact integer: no `1e20`, `0x10`, ` 7`, or empty string. */
const DECIMAL_INTEGER = /^-?\d{1,15}$/;
/** A calendar date, optionally with a time and an offset, four-digit years only: `-1` or `+275760` are not dates. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/*
 * Query values are strings. Each decorator converts only the text it documents and leaves anything else as it
 * came, so the validator refuses it with a message naming the parameter; Number(), Boolean() or new Date() would
 * have read `1e20`, `0x10`, an empty value (as 0), `NaN` (as false) or `-1` (as the year -1).
 */

/** A whole-number query parameter between `min` and `max` (bounds inside every database's integer range). */
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

/** `true` or `false`, nothing else. */
export function BooleanQuery() {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
  );
}

/** An ISO 8601 date or date-time with a four-digit year. */
export function DateQuery() {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && ISO_8601.test(value) ? new Date(value) : value,
    ),
    IsDate({ message: ({ property }) => `${property} must be an ISO 8601 date` }),
  );
}
