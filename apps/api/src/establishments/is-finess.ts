import { checkFiness } from '@vigie/common';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/** A valid FINESS number (shape, département, Luhn key); the message says which part is wrong. */
export function IsFiness(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFiness',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkFiness(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const value = args?.value;
          if (typeof value !== 'string') return `${args?.property} must be a FINESS number (string)`;
          const check = checkFiness(value);
          return check.valid ? '' : `${args?.property} is not a valid FINESS number: ${check.reason}`;
        },
      },
    });
}
