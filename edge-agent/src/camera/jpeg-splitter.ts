/** Largest frame accepted; anything bigger is garbage between markers and is discarded. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const NEED_MORE = -1;
const INVALID = -2;

/**
 * Splits a byte stream of concatenated JPEGs (ffmpeg image2pipe, or the parts of a multipart MJPEG body,
 * whose boundary and header lines fall between images and are skipped). Header segments are walked by
 * their lengths, so an EXIF thumbnail (a JPEG inside APP1) does not end the frame early; after SOS the
 * entropy-coded data byte-stuffs 0xFF, so the next FFD9 is the real end.
 */
export function createJpegSplitter() {
  let buffer: Uint8Array = new Uint8Array(0);
  let discarded = 0;

  return {
    push(chunk: Uint8Array): Uint8Array[] {
      const data = new Uint8Array(buffer.length + chunk.length);
      data.set(buffer, 0);
      data.set(chunk, buffer.length);
      const frames: Uint8Array[] = [];
      let pos = 0;
      for (;;) {
        const start = indexOfPair(data, 0xd8, pos);
        if (start < 0) {
          // keep a trailing 0xFF: it may be the first half of the next SOI
          pos = data.length > 0 && data[data.length - 1] === 0xff ? data.length - 1 : data.length;
          break;
        }
        const end = findJpegEnd(data, start);
        if (end === NEED_MORE) {
          pos = start;
          break;
        }
        if (end === INVALID) {
          discarded += 1;
          pos = start + 2;
          continue;
        }
        frames.push(data.slice(start, end + 2));
        pos = end + 2;
      }
      buffer = data.slice(pos);
      if (buffer.length > MAX_FRAME_BYTES) {
        discarded += 1;
        buffer = new Uint8Array(0);
      }
      return frames;
    },
    discarded: () => discarded,
  };
}

/** Index of the EOI marker of the JPEG starting at `start`, NEED_MORE, or INVALID. */
function findJpegEnd(data: Uint8Array, start: number): number {
  let pos = start + 2;
  while (pos + 1 < data.length) {
    if (data[pos] !== 0xff) return INVALID;
    const marker = data[pos + 1] as number;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return pos;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      pos += 2;
      continue;
    }
    if (pos + 3 >= data.length) return NEED_MORE;
    const length = ((data[pos + 2] as number) << 8) | (data[pos + 3] as number);
    if (length < 2) return INVALID;
    if (marker === 0xda) {
      const end = indexOfPair(data, 0xd9, pos + 2 + length);
      return end < 0 ? NEED_MORE : end;
    }
    pos += 2 + length;
  }
  return NEED_MORE;
}

function indexOfPair(data: Uint8Array, marker: number, from: number): number {
  for (let i = from; i < data.length - 1; i++) if (data[i] === 0xff && data[i + 1] === marker) return i;
  return -1;
}
