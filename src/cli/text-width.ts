/** Terminal column widths for CLI tables: a CJK (or full-width) character takes two columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(s: string): number {
  return [...s].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);
}

/** Left-aligns to `width` columns, always leaving at least one space so columns never touch. */
export function padWide(s: string, width: number): string {
  return s + ' '.repeat(Math.max(1, width - displayWidth(s)));
}

/** Right-aligns to `width` columns (column headers in Chinese), at least one space before. */
export function padStartWide(s: string, width: number): string {
  return ' '.repeat(Math.max(1, width - displayWidth(s))) + s;
}
