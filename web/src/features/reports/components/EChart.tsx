import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws: bar and line charts on a grid, with tooltip, legend and zoom.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  import('echarts/charts').BarSeriesOption | import('echarts/charts').LineSeriesOption | import('echarts/components').GridComponentOption | import('echarts/components').TooltipComponentOption | import('echarts/components').LegendComponentOption | import('echarts/components').DataZoomComponentOption
>;

type Props = { option: ChartOption; height?: number; label: string; onBarClick?: (dataIndex: number) => void };

/** One ECharts chart, resized with its container; `label` names it for screen readers. */
export function EChart({ option, height = 320, label, onBarClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onBarClick) return;
    const handleClick = (p: { dataIndex: number }) => onBarClick(p.dataIndex);
    c.on('click', handleClick);
    return () => {
      c.off('click', handleClick);
    };
  }, [onBarClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
