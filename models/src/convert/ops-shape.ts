import type { ConversionContext, Value } from "./graph-context.js";
import { nhwcAxisToNchw, nhwcToNchw, nhwcToNchwOrder } from "./layout.js";
import { intConstant } from "./ops-tensor.js";
import { attrInt, type TfNode } from "./tfjs-model.js";

/** Storage axis k of an NCHW tensor holds logical (NHWC) axis NCHW_AXES[k]. */
const NCHW_AXES = [0, 3, 1, 2];
const NCHW_TO_NHWC = [0, 2, 3, 1];
/** Stands for "to the end of the axis" in ONNX Slice (values past the end are clamped). */
const SLICE_END = Number.MAX_SAFE_INTEGER;

export const SHAPE_OPS = new Set(["Transpose", "ConcatV2", "StridedSlice"]);

export function convertShapeOp(ctx: ConversionContext, node: TfNode): void {
  if (node.op === "Transpose") convertTranspose(ctx, node);
  else if (node.op === "ConcatV2") convertConcat(ctx, node);
  else convertStridedSlice(ctx, node);
}

/** An NCHW activation transposed back to TF's NHWC order (others are returned as they are). */
export function toNhwc(ctx: ConversionContext, x: Value, baseName: string): Value {
  if (!x.nchw) return x;
  const name = ctx.freshName(`${baseName}/to_nhwc`);
  ctx.addNode({ opType: "Transpose", name, inputs: [x.name], outputs: [name], attributes: { perm: NCHW_TO_NHWC } });
  return { name, shape: x.shape, nchw: false };
}

/** A TF permutation applied to an NCHW-stored tensor, result stored NCHW again: one ONNX Transpose. */
export function nchwPermutation(perm: readonly number[]): number[] {
  return NCHW_AXES.map((logical) => NCHW_TO_NHWC[perm[logical] as number] as number);
}

function convertTranspose(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  const perm = intConstant(ctx, node, 1, "permutation");
  if (perm.length !== x.shape.length) throw new Error(`${node.name}: permutation does not match the input rank`);
  const out = ctx.freshName(node.name);
  const onnxPerm = x.nchw ? nchwPermutation(perm) : perm;
  ctx.addNode({ opType: "Transpose", name: out, inputs: [x.name], outputs: [out], attributes: { perm: onnxPerm } });
  ctx.define(node.name, { name: out, nchw: x.nchw, shape: perm.map((p) => x.shape[p] as number) });
}

/** ConcatV2(values…, axis): constant parts become initializers laid out like the activations. */
function convertConcat(ctx: ConversionContext, node: TfNode): void {
  const inputs = node.input ?? [];
  const values = inputs.slice(0, -1);
  const [tfAxis = 0] = intConstant(ctx, node, inputs.length - 1, "axis");
  const activations = values.filter((v) => !ctx.constant(v)).map((v) => ctx.value(v));
  const first = activations[0];
  if (!first) throw new Error(`${node.name}: concatenating only constants is not supported`);
  if (activations.some((a) => a.nchw !== first.nchw)) throw new Error(`${node.name}: operands of mixed layouts`);
  const rank = first.shape.length;
  const axis = tfAxis < 0 ? tfAxis + rank : tfAxis;
  const names = values.map((v) => {
    const c = ctx.constant(v);
    if (!c) return ctx.value(v).name;
    if (c.dtype !== "float32" || c.shape.length !== rank) throw new Error(`${node.name}: constant ${v} cannot join`);
    const data = first.nchw ? nhwcToNchw(c.values as Float32Array, c.shape) : (c.values as Float32Array);
    return ctx.addFloatInitializer(`${node.name}/part`, first.nchw ? nhwcToNchwOrder(c.shape) : c.shape, data);
  });
  const shapes = values.map((v) => ctx.constant(v)?.shape ?? ctx.value(v).shape);
  const shape = first.shape.map((d, k) => (k === axis ? shapes.reduce((sum, s) => sum + (s[k] ?? 0), 0) : d));
  const out = ctx.freshName(node.name);
  ctx.addNode({
    opType: "Concat",
    name: out,
    inputs: names,
    outputs: [out],
    attributes: { axis: first.nchw ? nhwcAxisToNchw(axis) : axis },
  });
  ctx.define(node.name, { name: out, nchw: first.nchw, shape });
}

export interface SliceAxis {
  start: number;
  end: number;
  step: number;
  /** Size of this axis in the result (before shrinking). */
  size: number;
  shrink: boolean;
}

/** TF StridedSlice bounds per axis, masks resolved (no ellipsis or new axes), with the resulting sizes. */
export function resolveStridedSlice(
  shape: readonly number[],
  slice: { begin: number[]; end: number[]; strides: number[]; beginMask: number; endMask: number; shrinkMask: number },
): SliceAxis[] {
  return shape.map((dim, k) => {
    const step = slice.strides[k] ?? 1;
    if (step <= 0) throw new Error("strided slices with negative or zero steps are not supported");
    const bit = 1 << k;
    const shrink = (slice.shrinkMask & bit) !== 0;
    const wrap = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
    const start = k >= slice.begin.length || slice.beginMask & bit ? 0 : wrap(slice.begin[k] as number);
    let end = k >= slice.end.length || slice.endMask & bit ? dim : wrap(slice.end[k] as number);
    if (shrink) end = start + 1;
    const size = Math.max(0, Math.ceil((end - start) / step));
    return { start, end: end >= dim ? SLICE_END : end, step, size, shrink };
  });
}

function convertStridedSlice(ctx: ConversionContext, node: TfNode): void {
  if (attrInt(node, "ellipsis_mask") || attrInt(node, "new_axis_mask")) {
    throw new Error(`${node.name}: ellipsis and new-axis masks are not supported`);
  }
  const shrinkMask = attrInt(node, "shrink_axis_mask") ?? 0;
  const input = ctx.value(node.input?.[0] ?? "");
  // Dropping axes breaks the NCHW bookkeeping, so such slices run in NHWC order.
  const x = shrinkMask ? toNhwc(ctx, input, node.name) : input;
  const axes = resolveStridedSlice(x.shape, {
    begin: intConstant(ctx, node, 1, "begin"),
    end: intConstant(ctx, node, 2, "end"),
    strides: intConstant(ctx, node, 3, "strides"),
    beginMask: attrInt(node, "begin_mask") ?? 0,
    endMask: attrInt(node, "end_mask") ?? 0,
    shrinkMask,
  });
  const onnxAxes = axes.map((_, k) => (x.nchw ? nhwcAxisToNchw(k) : k));
  const sliced = ctx.freshName(shrinkMask ? `${node.name}/slice` : node.name);
  ctx.addNode({
    opType: "Slice",
    name: sliced,
    inputs: [
      x.name,
      ctx.addInt64Initializer(
        `${node.name}/starts`,
        axes.map((a) => a.start),
      ),
      ctx.addInt64Initializer(
        `${node.name}/ends`,
        axes.map((a) => a.end),
      ),
      ctx.addInt64Initializer(`${node.name}/axes`, onnxAxes),
      ctx.addInt64Initializer(
        `${node.name}/steps`,
        axes.map((a) => a.step),
      ),
    ],
    outputs: [sliced],
  });
  const shape = axes.map((a) => a.size);
  if (!shrinkMask) {
    ctx.define(node.name, { name: sliced, nchw: x.nchw, shape });
    return;
  }
  const squeezed = axes.flatMap((a, k) => (a.shrink ? [k] : []));
  const out = ctx.freshName(node.name);
  const squeezeAxes = ctx.addInt64Initializer(`${node.name}/squeeze_axes`, squeezed);
  ctx.addNode({ opType: "Squeeze", name: out, inputs: [sliced, squeezeAxes], outputs: [out] });
  ctx.define(node.name, { name: out, nchw: false, shape: shape.filter((_, k) => !axes[k]?.shrink) });
}
