import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadRequestError } from '../errors/app-error.js';
import type { Locale } from '../i18n/locale.js';
import { validationProblem } from '../i18n/validation-messages.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into one entry per field path, e.g. liaisons[0].email. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    if (error.constraints) out.push({ field, problems: Object.values(error.constraints) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

interface FieldConstraints {
  field: string;
  /** class-validator constraint name → its English message. */
  constraints: Record<string, string>;
}

function flattenConstraints(errors: ValidationError[], parent = ''): FieldConstraints[] {
  const out: FieldConstraints[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    if (error.constraints) out.push({ field, constraints: error.constraints });
    if (error.children?.length) out.push(...flattenConstraints(error.children, field));
  }
  return out;
}

/** A DTO failed validation: every problem named by field, in the reader's language. */
export class ValidationFailedError extends BadRequestError {
  constructor(private readonly fieldConstraints: FieldConstraints[]) {
    const fields = fieldConstraints.map((f) => ({
      field: f.field,
      problems: Object.entries(f.constraints).map(([c, m]) => validationProblem(c, f.field, m, 'en')),
    }));
    super('VALIDATION_FAILED', `invalid request: ${fields.map((f) => f.field).join(', ')}`, { fields });
  }

  localized(locale: Locale): { message: string; details: { fields: FieldProblem[] } } {
    const fields = this.fieldConstraints.map((f) => ({
      field: f.field,
      problems: Object.entries(f.constraints).map(([c, m]) => validationProblem(c, f.field, m, locale)),
    }));
    const names = fields.map((f) => f.field).join(', ');
    return { message: locale === 'en' ? `invalid request: ${names}` : `请求无效：${names}`, details: { fields } };
  }
}

/** Whitelist, forbid unknown fields, transform to DTO classes; every problem named by field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenConstraints(errors)),
  });
}
