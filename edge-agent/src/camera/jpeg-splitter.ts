/** Largest frame accepted; anything bigger is garbage between markers and is discarded. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Splits a byte stream of concatenated JPEGs (ffmpeg image2pipe, or the parts of a multipart MJPEG body,
 * whose boundary and header lines fall between images and are skipped) at SOI (FFD8) ... EOI (FFD9).
 * Entropy-coded data byte-stuffs 0xFF, so FFD9 only appears as the real end marker.
 */
export function createJpegSplitter() {
  let buffer: Uint8Array = new Uint8Array(0);
  let discarded = 0;

  return {
    push(chunk: Uint8Array): Uint8Array[] {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer, 0);
      joined.set(chunk, buffer.length);
      const frames: Uint8Array[] = [];
      let pos = 0;
      for (;;) {
        const start = indexOfMarker(joined, 0xd8, pos);
        if (start < 0) {
          // keep a trailing 0xFF: it may be the first half of the next SOI
          pos = joined.length > 0 && joined[joined.length - 1] === 0xff ? joined.length - 1 : joined.length;
          break;
        }
        const end = indexOfMarker(joined, 0xd9, start + 2);
        if (end < 0) {
          pos = start;
          break;
        }
        frames.push(joined.slice(start, end + 2));
        pos = end + 2;
      }
      buffer = joined.slice(pos);
      if (buffer.length > MAX_FRAME_BYTES) {
        discarded += 1;
        buffer = new Uint8Array(0);
      }
      return frames;
    },
    discarded: () => discarded,
  };
}

function indexOfMarker(data: Uint8Array, marker: number, from: number): number {
  for (let i = from; i < data.length - 1; i++) if (data[i] === 0xff && data[i + 1] === marker) return i;
  return -1;
}
