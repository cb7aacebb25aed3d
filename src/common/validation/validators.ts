import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isValidTimeZoneName } from '../../config/config.schema.js';

@ValidatorConstraint({ name: 'isTimeZone' })
export class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidTimeZoneName(value);
  }
  defaultMessage(): string {
    return '$property must be an IANA time zone such as Asia/Shanghai';
  }
}

/** A real calendar date written YYYY-MM-DD (IsDateString also accepts times and 2023-02-30). */
@ValidatorConstraint({ name: 'isCalendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }
  defaultMessage(): string {
    return '$property must be a calendar date YYYY-MM-DD';
  }
}

/** Line breaks, tabs and other control characters: a name with them breaks e-mail headers, CSV rows and notices. */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

@ValidatorConstraint({ name: 'noControlChars' })
export class NoControlChars implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || !CONTROL_CHARS.test(value);
  }
  defaultMessage(): string {
    return '$property must not contain line breaks, tabs or other control characters';
  }
}

/** For @Transform: trims a string, leaves anything else for the validators to refuse. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
