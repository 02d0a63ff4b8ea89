import type Sharp from "sharp";

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp (libvips), loaded on first use and set to one libvips thread per call. The agent needs it only to decode
 * HTTP cameras' JPEGs and render the rare calibration snapshot: an agent whose cameras are all ffmpeg streams
 * would otherwise carry libvips in its RSS for nothing (docs/performance.md). One thread per call: the counters
 * run side by side, so per-image threads would only contend with onnxruntime on a small box.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import("sharp").then(({ default: sharp }) => {
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}
