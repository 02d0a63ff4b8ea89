/**
 * Reuses ffmpeg's frame buffers. Every frame is a fresh ~1.2 MB buffer (704×576 RGB); with 8 counters at 5 fps
 * that is ~48 MB/s of garbage held outside V8's heap, which V8 collects with full collections: measured as a
 * fifth of the agent's CPU and most of its RSS above the loaded models (docs/performance.md). A frame's buffer
 * comes back here only when its last user let go of it (`CapturedFrame.release`); the pool keeps a few.
 */
export function createFramePool(keep = 4) {
  const free: Uint8Array[] = [];
  return {
    take(size: number): Uint8Array {
      const i = free.findIndex((buffer) => buffer.length === size);
      return i < 0 ? Buffer.allocUnsafe(size) : (free.splice(i, 1)[0] as Uint8Array);
    },
    give(buffer: Uint8Array): void {
      if (free.length < keep && !free.includes(buffer)) free.push(buffer);
    },
  };
}

export type FramePool = ReturnType<typeof createFramePool>;
