/**
 * Pure re-layout helpers for TF (NHWC activations, HWIO / HWCM kernels) → ONNX (NCHW, OIHW).
 */

/** Conv2D kernel [H, W, I, O] (TF) → [O, I, H, W] (ONNX). */
export function hwioToOihw(data: Float32Array, shape: readonly number[]): { data: Float32Array; dims: number[] } {
  const [h, w, i, o] = expectRank4(shape, "conv kernel");
  const out = new Float32Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ci = 0; ci < i; ci++) {
        for (let co = 0; co < o; co++) {
          out[((co * i + ci) * h + y) * w + x] = data[((y * w + x) * i + ci) * o + co] as number;
        }
      }
    }
  }
  return { data: out, dims: [o, i, h, w] };
}

/**
 * Depthwise kernel [H, W, C, M] (TF) → [C·M, 1, H, W] for an ONNX Conv with group = C.
 * TF numbers depthwise output channels c·M + m, and ONNX group c owns output channels c·M … c·M + M − 1,
 * so the orders agree.
 */
export function depthwiseToOihw(
  data: Float32Array,
  shape: readonly number[],
): { data: Float32Array; dims: number[]; group: number } {
  const [h, w, c, m] = expectRank4(shape, "depthwise kernel");
  const out = new Float32Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ci = 0; ci < c; ci++) {
        for (let mi = 0; mi < m; mi++) {
          out[((ci * m + mi) * h + y) * w + x] = data[((y * w + x) * c + ci) * m + mi] as number;
        }
      }
    }
  }
  return { data: out, dims: [c * m, 1, h, w], group: c };
}

export interface AxisPadding {
  begin: number;
  end: number;
  outSize: number;
}

/** TF "SAME": output = ceil(in / stride); the odd padding pixel goes at the end. */
export function samePadding(inSize: number, kernel: number, stride: number, dilation = 1): AxisPadding {
  const effective = (kernel - 1) * dilation + 1;
  const outSize = Math.ceil(inSize / stride);
  const total = Math.max((outSize - 1) * stride + effective - inSize, 0);
  const begin = Math.floor(total / 2);
  return { begin, end: total - begin, outSize };
}

/** TF "VALID": no padding, output = floor((in − effective kernel) / stride) + 1. */
export function validPadding(inSize: number, kernel: number, stride: number, dilation = 1): AxisPadding {
  const effective = (kernel - 1) * dilation + 1;
  return { begin: 0, end: 0, outSize: Math.floor((inSize - effective) / stride) + 1 };
}

export function tfPadding(mode: string, inSize: number, kernel: number, stride: number, dilation = 1): AxisPadding {
  if (mode === "SAME") return samePadding(inSize, kernel, stride, dilation);
  if (mode === "VALID") return validPadding(inSize, kernel, stride, dilation);
  throw new Error(`unsupported TF padding mode ${mode}`);
}

/** Maps an axis of an NHWC rank-4 tensor to the same axis of its NCHW twin. */
export function nhwcAxisToNchw(axis: number): number {
  const positive = axis < 0 ? axis + 4 : axis;
  const map = [0, 2, 3, 1];
  const mapped = map[positive];
  if (mapped === undefined) throw new Error(`axis ${axis} is out of range for a rank-4 tensor`);
  return mapped;
}

/** Reorders an NHWC shape / per-axis list to NCHW order. */
export function nhwcToNchwOrder<T>(values: readonly T[]): T[] {
  const [n, h, w, c] = values;
  if (values.length !== 4) throw new Error(`expected 4 values, got ${values.length}`);
  return [n, c, h, w] as T[];
}

function expectRank4(shape: readonly number[], what: string): [number, number, number, number] {
  if (shape.length !== 4) throw new Error(`${what} must be rank 4, got [${shape.join(", ")}]`);
  return shape as [number, number, number, number];
}

/** Activation data [N, H, W, C] → [N, C, H, W]. */
export function nhwcToNchw(data: Float32Array, shape: readonly number[]): Float32Array {
  const [n, h, w, c] = expectRank4(shape, "activation");
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < c; ch++) {
          out[((b * c + ch) * h + y) * w + x] = data[((b * h + y) * w + x) * c + ch] as number;
        }
      }
    }
  }
  return out;
}
