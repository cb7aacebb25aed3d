/**
 * The one CSV writer of every export. A cell that starts with = + - @ (or a tab or carriage
 * return, which spreadsheets skip before reading one of those) would run as a formula when the
 * file is opened (CSV injection); it is written with a leading apostrophe, which the spreadsheet
 * shows as text. A BOM and CRLF: what Excel on a Chinese-locale PC opens correctly.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(table: readonly (readonly unknown[])[]): string {
  return '\uFEFF' + table.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Undoes csvCell's apostrophe when a file we wrote is read back. */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
