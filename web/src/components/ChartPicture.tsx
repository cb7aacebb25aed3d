import { useEffect, useRef, useState, type Ref } from 'react';
import { hydrate } from 'echarts/ssr/client/index.js';
import type { DrawnChart } from '../../../src/supervision/charts/dashboard-charts.service.js';

/**
 * A chart the server drew with ECharts (an SVG document), shown as it is: the page does not load
 * or run ECharts for it. Hovering a bar or slice shows its words (`tips`) — ECharts' small SSR
 * client reads which series and item the pointer is on from the picture's own attributes.
 */
export function ChartPicture({
  chart,
  label,
  boxRef,
  failed,
}: {
  /** undefined while it is being drawn. */
  chart: DrawnChart | undefined;
  label: string;
  /** The box the page measures to ask for a picture of its size. */
  boxRef?: Ref<HTMLDivElement>;
  /** Shown instead of the picture when it could not be drawn. */
  failed?: string;
}) {
  // The server gives the height; until the picture arrives the box keeps a chart's usual room.
  const height = chart?.height ?? 300;
  const picture = useRef<HTMLDivElement>(null);
  // Beside the pointer, on the side with room (left of it in the picture's right half).
  const [tip, setTip] = useState<{ text: string; x: number; y: number; left: boolean } | null>(null);
  useEffect(() => {
    const element = picture.current;
    setTip(null);
    if (!element || !chart) return;
    hydrate(element, {
      on: {
        mouseover: ({ ssrType, seriesIndex, dataIndex, event }) => {
          const text = ssrType === 'chart' ? chart.tips[seriesIndex ?? -1]?.[dataIndex ?? -1] : undefined;
          if (!text || !(event instanceof MouseEvent)) return;
          const box = element.getBoundingClientRect();
          const x = event.clientX - box.left;
          setTip({ text, x, y: event.clientY - box.top, left: x > box.width / 2 });
        },
        mouseout: () => setTip(null),
      },
    });
  }, [chart]);
  return (
    <div ref={boxRef} style={{ position: 'relative', width: '100%', height }}>
      {failed && !chart ? (
        <div role="alert" style={{ padding: 8, color: 'rgba(0,0,0,0.66)' }}>
          {failed}
        </div>
      ) : (
        <div
          ref={picture}
          role="img"
          aria-label={label}
          data-testid="chart"
          style={{ width: '100%', height }}
          // The server's ECharts output: text escaped, attributes numbers and colours only.
          dangerouslySetInnerHTML={chart ? { __html: chart.svg } : undefined}
        />
      )}
      {tip && (
        <div
          role="tooltip"
          style={{
            position: 'absolute',
            ...(tip.left ? { right: `calc(100% - ${tip.x - 12}px)` } : { left: tip.x + 12 }),
            top: tip.y + 12,
            pointerEvents: 'none',
            background: 'rgba(0,0,0,0.85)',
            color: '#fff',
            padding: '4px 8px',
            borderRadius: 6,
            fontSize: 12,
            whiteSpace: 'nowrap',
            zIndex: 10,
          }}
        >
          {tip.text}
        </div>
      )}
    </div>
  );
}
