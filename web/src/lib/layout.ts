/**
 * The app's page layout in numbers, for the few places that must know a width before the page is
 * drawn: the shell's sider and padding (Shell.tsx) and the dashboard's grid (DashboardPage.tsx)
 * use them, and `dashboardChartWidths` predicts from them how wide the dashboard's chart boxes will
 * be, so lib/early.ts can ask the server for the charts before the page has laid them out.
 */
export const LAYOUT = {
  /** antd's md and lg breakpoints (viewport width): the sider shows from md, is open from lg. */
  md: 768,
  lg: 992,
  siderWidth: 200,
  siderCollapsedWidth: 64,
  /** Padding of the page's content: narrow (below md) and otherwise. */
  contentPadding: { narrow: 8, wide: 16 },
  /** The dashboard's Row gutter (horizontal). */
  gutter: 12,
  /** antd's small Card: body padding and border, each side. */
  cardPadding: 12,
  cardBorder: 1,
} as const;

export interface ChartWidths {
  status: number;
  ranking: number;
}

/**
 * The dashboard's two chart boxes' widths (their clientWidth) in a window `viewportWidth` wide whose
 * page is `clientWidth` wide (the viewport less a scrollbar). From lg the status chart takes a third
 * of the row and the ranking two thirds; below, each takes the whole row.
 */
export function dashboardChartWidths(viewportWidth: number, clientWidth: number): ChartWidths {
  const { md, lg, siderWidth, siderCollapsedWidth, contentPadding, gutter, cardPadding, cardBorder } = LAYOUT;
  const sider = viewportWidth >= lg ? siderWidth : viewportWidth >= md ? siderCollapsedWidth : 0;
  const padding = viewportWidth >= md ? contentPadding.wide : contentPadding.narrow;
  const row = clientWidth - sider - 2 * padding + gutter;
  const inCard = (columnWidth: number) => Math.round(columnWidth - gutter - 2 * (cardPadding + cardBorder));
  return viewportWidth >= lg
    ? { status: inCard(row / 3), ranking: inCard((row * 2) / 3) }
    : { status: inCard(row), ranking: inCard(row) };
}
