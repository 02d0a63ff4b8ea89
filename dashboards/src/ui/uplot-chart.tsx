import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";

/**
 * Mounts a uPlot chart sized to its container and rebuilds it when options or data change
 * (the data sets here are at most a few hundred points, so rebuilding is cheaper than diffing).
 */
export function UplotChart(props: {
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  height?: number;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const width = () => Math.max(280, element.clientWidth);
    const chart = new uPlot({ ...props.options, width: width(), height: props.height ?? 240 }, props.data, element);
    const observer = new ResizeObserver(() => chart.setSize({ width: width(), height: props.height ?? 240 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [props.options, props.data, props.height]);
  return <div ref={host} class="chart" role="img" aria-label={props.label} />;
}
