import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.js';

/**
 * Puts the server's per-field problems next to the fields of the form (field paths like
 * `liaisons[0].email` become ['liaisons', 0, 'email']); returns the message for the rest.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = Object.entries(error.fieldErrors).map(([path, problem]) => ({
    name: path
      .split(/[.[\]]/)
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    errors: [problem],
  }));
  if (fields.length) form.setFields(fields);
  return error.message;
}
