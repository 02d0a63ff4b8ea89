import type { RgbImage } from "@hailong/models";

/** A header longer than this is not a PPM header (ffmpeg writes "P6\n<w> <h>\n255\n"). */
const MAX_HEADER_BYTES = 64;

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Parses "P6 <w> <h> 255<one whitespace>" at the start of `data`; undefined: need more bytes. */
function parseHeader(data: Uint8Array): { width: number; height: number; headerBytes: number } | undefined {
  if (data.length < 2) return undefined;
  if (data[0] !== 0x50 || data[1] !== 0x36) throw new Error("PPM stream out of sync: frame does not start with P6");
  const numbers: number[] = [];
  let pos = 2;
  while (numbers.length < 3) {
    while (pos < data.length && isSpace(data[pos])) pos++;
    let value = 0;
    let digits = 0;
    while (pos < data.length && (data[pos] as number) >= 0x30 && (data[pos] as number) <= 0x39) {
      value = value * 10 + (data[pos] as number) - 0x30;
      digits++;
      pos++;
    }
    if (pos >= data.length) {
      if (pos > MAX_HEADER_BYTES) throw new Error("PPM header too long");
      return undefined;
    }
    if (digits === 0) throw new Error("PPM header malformed");
    numbers.push(value);
  }
  const [width, height, maxValue] = numbers as [number, number, number];
  if (maxValue !== 255) throw new Error(`PPM with max value ${maxValue}: only 8-bit RGB is read`);
  return { width, height, headerBytes: pos + 1 };
}

/**
 * Cuts a stream of binary PPM (P6) images — ffmpeg's `-f image2pipe -vcodec ppm`, raw rgb24 with a few bytes of
 * header giving the size — into RGB images, across arbitrary chunking. Once a header is read, the frame's pixel
 * buffer is allocated (not zero-filled; `allocate` may hand back a recycled one) and each pipe chunk is copied
 * into it: one copy per byte, no joins.
 */
export function createPpmSplitter(allocate: (bytes: number) => Uint8Array = (bytes) => Buffer.allocUnsafe(bytes)) {
  let head: Uint8Array = new Uint8Array(0);
  let frame: { width: number; height: number; data: Uint8Array; filled: number } | undefined;
  return {
    push(chunk: Uint8Array): RgbImage[] {
      const images: RgbImage[] = [];
      let rest = chunk;
      while (rest.length > 0) {
        if (!frame) {
          head = head.length === 0 ? rest : Buffer.concat([head, rest]);
          const header = parseHeader(head);
          if (!header) return images;
          const size = header.width * header.height * 3;
          frame = { width: header.width, height: header.height, data: allocate(size), filled: 0 };
          rest = head.subarray(header.headerBytes);
          head = new Uint8Array(0);
        }
        const take = Math.min(rest.length, frame.data.length - frame.filled);
        frame.data.set(rest.subarray(0, take), frame.filled);
        frame.filled += take;
        rest = rest.subarray(take);
        if (frame.filled === frame.data.length) {
          images.push({ width: frame.width, height: frame.height, data: frame.data });
          frame = undefined;
        }
      }
      return images;
    },
  };
}
