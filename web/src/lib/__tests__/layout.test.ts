import { describe, expect, it } from 'vitest';
import { dashboardChartWidths } from '../layout.js';

// The browser test (test/browser/web-app.e2e-spec.ts) checks these against the page as laid out.
describe("the dashboard's chart widths before the page is drawn", () => {
  it('from lg: the sider open, the status chart a third of the row and the ranking two thirds', () => {
    // 1366 − 200 sider − 2×16 padding + 12 gutter = 1146; a third less the gutter, the card's padding and border.
    expect(dashboardChartWidths(1366, 1366)).toEqual({ status: 344, ranking: 726 });
    expect(dashboardChartWidths(1920, 1920)).toEqual({ status: 529, ranking: 1095 });
    // A classic scrollbar takes room from the page, not from the breakpoints.
    expect(dashboardChartWidths(1366, 1349)).toEqual({ status: 338, ranking: 715 });
  });

  it('between md and lg the sider is folded, below md it is gone: each chart takes the whole row', () => {
    expect(dashboardChartWidths(900, 900)).toEqual({ status: 778, ranking: 778 });
    expect(dashboardChartWidths(390, 390)).toEqual({ status: 348, ranking: 348 });
  });
});
