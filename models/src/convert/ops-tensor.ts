import type { ConversionContext, Value } from "./graph-context.js";
import { nhwcAxisToNchw, nhwcToNchwOrder } from "./layout.js";
import { attrBool, attrFloat, type TfConstant, type TfNode } from "./tfjs-model.js";

const NHWC_TO_NCHW = [0, 3, 1, 2];
const NCHW_TO_NHWC = [0, 2, 3, 1];

const BINARY_OPS: Record<string, string> = {
  Add: "Add",
  AddV2: "Add",
  BiasAdd: "Add",
  Sub: "Sub",
  Mul: "Mul",
  RealDiv: "Div",
  Maximum: "Max",
  Minimum: "Min",
  // Squared afterwards (see convertBinary).
  SquaredDifference: "Sub",
};
const UNARY_OPS: Record<string, string> = {
  Relu: "Relu",
  Sigmoid: "Sigmoid",
  Tanh: "Tanh",
  Elu: "Elu",
  Neg: "Neg",
  Sqrt: "Sqrt",
};
const REDUCE_OPS: Record<string, string> = { Mean: "ReduceMean", Max: "ReduceMax", Sum: "ReduceSum" };

export const TENSOR_OPS = new Set([
  ...Object.keys(BINARY_OPS),
  ...Object.keys(UNARY_OPS),
  ...Object.keys(REDUCE_OPS),
  "Relu6",
  "Rsqrt",
  "LeakyRelu",
  "Prelu",
  "Softmax",
  "Pad",
  "Reshape",
  "MatMul",
]);

export function convertTensorOp(ctx: ConversionContext, node: TfNode): void {
  if (node.op in BINARY_OPS) convertBinary(ctx, node);
  else if (node.op in REDUCE_OPS) convertReduce(ctx, node);
  else if (node.op === "Pad") convertPad(ctx, node);
  else if (node.op === "Reshape") convertReshape(ctx, node);
  else if (node.op === "MatMul") convertMatMul(ctx, node);
  else if (node.op === "Prelu") convertPrelu(ctx, node);
  else convertUnary(ctx, node);
}

/** A constant operand re-laid out to broadcast against an NCHW activation like it did against NHWC. */
function constantOperand(ctx: ConversionContext, node: TfNode, c: TfConstant, other: Value): string {
  const values = Float32Array.from(c.values);
  const rank = c.shape.length;
  const size = values.length;
  if (!other.nchw || size === 1) {
    return ctx.addFloatInitializer(`${node.name}/operand`, other.nchw ? [] : c.shape, values);
  }
  if (rank === 1) return ctx.addFloatInitializer(`${node.name}/operand`, [size, 1, 1], values);
  throw new Error(`${node.name}: constant of shape [${c.shape.join(", ")}] against an NCHW tensor is not supported`);
}

function convertBinary(ctx: ConversionContext, node: TfNode): void {
  const [a = "", b = ""] = node.input ?? [];
  const ca = ctx.constant(a);
  const cb = ctx.constant(b);
  if (ca && cb) throw new Error(`${node.name}: constant folding is not supported`);
  const va = ca ? undefined : ctx.value(a);
  const vb = cb ? undefined : ctx.value(b);
  const ref = (va ?? vb) as Value;
  if (va && vb && (va.nchw !== vb.nchw || va.shape.length !== vb.shape.length)) {
    throw new Error(`${node.name}: operands of different layouts/ranks are not supported`);
  }
  const inputs = [
    va ? va.name : constantOperand(ctx, node, ca as TfConstant, ref),
    vb ? vb.name : constantOperand(ctx, node, cb as TfConstant, ref),
  ];
  let out = ctx.freshName(node.op === "SquaredDifference" ? `${node.name}/difference` : node.name);
  ctx.addNode({ opType: BINARY_OPS[node.op] as string, name: out, inputs, outputs: [out] });
  if (node.op === "SquaredDifference") {
    const difference = out;
    out = ctx.freshName(node.name);
    ctx.addNode({ opType: "Mul", name: out, inputs: [difference, difference], outputs: [out] });
  }
  const shape = va && vb ? va.shape.map((d, k) => Math.max(d, vb.shape[k] ?? d)) : ref.shape;
  ctx.define(node.name, { name: out, nchw: ref.nchw, shape });
}

function convertUnary(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  const out = ctx.freshName(node.name);
  const base = { name: out, inputs: [x.name], outputs: [out] };
  if (node.op in UNARY_OPS) {
    ctx.addNode({ ...base, opType: UNARY_OPS[node.op] as string });
  } else if (node.op === "Rsqrt") {
    const root = ctx.freshName(`${node.name}/sqrt`);
    ctx.addNode({ opType: "Sqrt", name: root, inputs: [x.name], outputs: [root] });
    ctx.addNode({ ...base, opType: "Reciprocal", inputs: [root] });
  } else if (node.op === "Relu6") {
    const lo = ctx.addFloatInitializer(`${node.name}/min`, [], [0]);
    const hi = ctx.addFloatInitializer(`${node.name}/max`, [], [6]);
    ctx.addNode({ ...base, opType: "Clip", inputs: [x.name, lo, hi] });
  } else if (node.op === "LeakyRelu") {
    ctx.addNode({ ...base, opType: "LeakyRelu", attributes: { alpha: { float: attrFloat(node, "alpha") ?? 0.2 } } });
  } else if (node.op === "Softmax") {
    // TF softmax runs over the last (channel) axis, which NCHW stores at axis 1.
    ctx.addNode({ ...base, opType: "Softmax", attributes: { axis: x.nchw ? 1 : -1 } });
  } else {
    throw new Error(`${node.name}: op ${node.op} is not supported`);
  }
  ctx.define(node.name, { ...x, name: out });
}

/** Prelu(x, alpha) with a constant alpha: per channel (only the last axis > 1) or of x's full shape. */
function convertPrelu(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  const alpha = ctx.constant(node.input?.[1] ?? "");
  if (alpha?.dtype !== "float32") throw new Error(`${node.name}: Prelu alpha must be a float32 constant`);
  const perChannel = alpha.shape.slice(0, -1).every((d) => d === 1);
  let slope: string;
  if (x.nchw && perChannel) {
    slope = ctx.addFloatInitializer(`${node.name}/slope`, [alpha.values.length, 1, 1], alpha.values as Float32Array);
  } else if (!x.nchw) {
    slope = ctx.addFloatInitializer(`${node.name}/slope`, alpha.shape, alpha.values as Float32Array);
  } else {
    throw new Error(
      `${node.name}: Prelu alpha of shape [${alpha.shape.join(", ")}] on an NCHW tensor is not supported`,
    );
  }
  const out = ctx.freshName(node.name);
  ctx.addNode({ opType: "PRelu", name: out, inputs: [x.name, slope], outputs: [out] });
  ctx.define(node.name, { ...x, name: out });
}

export function intConstant(ctx: ConversionContext, node: TfNode, index: number, what: string): number[] {
  const c = ctx.constant(node.input?.[index] ?? "");
  if (c?.dtype !== "int32") throw new Error(`${node.name}: ${what} must be an int32 constant`);
  return Array.from(c.values);
}

function convertReduce(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  const rank = x.shape.length;
  const tfAxes = intConstant(ctx, node, 1, "reduction axes").map((a) => (a < 0 ? a + rank : a));
  const keepDims = attrBool(node, "keep_dims") ?? false;
  let axes = tfAxes;
  let nchw = x.nchw;
  if (x.nchw) {
    axes = tfAxes.map(nhwcAxisToNchw);
    if (!keepDims) {
      // Dropping axes keeps NHWC and NCHW orders equal only when C goes or both H and W go.
      const reduced = new Set(tfAxes);
      const agrees = reduced.has(3) || (reduced.has(1) && reduced.has(2));
      if (!agrees)
        throw new Error(`${node.name}: reducing axes [${tfAxes.join(", ")}] of an NCHW tensor is not supported`);
      nchw = false;
    }
  }
  const out = ctx.freshName(node.name);
  const sorted = [...axes].sort((p, q) => p - q);
  const keepdims = keepDims ? 1 : 0;
  // Opset 13 moved ReduceSum's axes from an attribute to an input; the other reductions follow in opset 18.
  const axesAsInput = node.op === "Sum";
  ctx.addNode({
    opType: REDUCE_OPS[node.op] as string,
    name: out,
    inputs: axesAsInput ? [x.name, ctx.addInt64Initializer(`${node.name}/axes`, sorted)] : [x.name],
    outputs: [out],
    attributes: axesAsInput ? { keepdims } : { axes: sorted, keepdims },
  });
  const shape = keepDims
    ? x.shape.map((d, k) => (tfAxes.includes(k) ? 1 : d))
    : x.shape.filter((_, k) => !tfAxes.includes(k));
  ctx.define(node.name, { name: out, nchw: nchw && shape.length === 4, shape });
}

function convertPad(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  const flat = intConstant(ctx, node, 1, "paddings");
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < flat.length; k += 2) pairs.push([flat[k] ?? 0, flat[k + 1] ?? 0]);
  const ordered = x.nchw ? nhwcToNchwOrder(pairs) : pairs;
  const pads = ctx.addInt64Initializer(`${node.name}/pads`, [...ordered.map((p) => p[0]), ...ordered.map((p) => p[1])]);
  const out = ctx.freshName(node.name);
  ctx.addNode({ opType: "Pad", name: out, inputs: [x.name, pads], outputs: [out], attributes: { mode: "constant" } });
  ctx.define(node.name, {
    ...x,
    name: out,
    shape: x.shape.map((d, k) => (d < 0 ? d : d + pairs[k]![0] + pairs[k]![1])),
  });
}

/**
 * Reshape reads elements in TF (NHWC) order, so an NCHW input is transposed back to NHWC first and a rank-4
 * result is transposed to NCHW again afterwards.
 */
function convertReshape(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  const target = intConstant(ctx, node, 1, "shape");
  // ONNX (opset 13) reads 0 as "copy this dim"; TF reads it as an empty dim.
  if (target.includes(0)) throw new Error(`${node.name}: reshape targets with 0 dims are not supported`);
  let input = x.name;
  if (x.nchw) {
    input = ctx.freshName(`${node.name}/to_nhwc`);
    ctx.addNode({
      opType: "Transpose",
      name: input,
      inputs: [x.name],
      outputs: [input],
      attributes: { perm: NCHW_TO_NHWC },
    });
  }
  const shapeName = ctx.addInt64Initializer(`${node.name}/shape`, target);
  const reshaped = ctx.freshName(target.length === 4 ? `${node.name}/nhwc` : node.name);
  ctx.addNode({ opType: "Reshape", name: reshaped, inputs: [input, shapeName], outputs: [reshaped] });
  const shape = resolveReshape(x.shape, target);
  if (target.length !== 4) {
    ctx.define(node.name, { name: reshaped, nchw: false, shape });
    return;
  }
  const out = ctx.freshName(node.name);
  ctx.addNode({
    opType: "Transpose",
    name: out,
    inputs: [reshaped],
    outputs: [out],
    attributes: { perm: NHWC_TO_NCHW },
  });
  ctx.define(node.name, { name: out, nchw: true, shape });
}

/** Fills in the −1 (inferred) entry of a TF reshape target when the input size is known. */
export function resolveReshape(inShape: number[], target: number[]): number[] {
  const dims = [...target];
  const known = inShape.every((d) => d >= 0);
  const free = dims.indexOf(-1);
  if (!known || free < 0) return dims;
  const total = inShape.reduce((a, b) => a * b, 1);
  const rest = dims.reduce((a, d, k) => (k === free ? a : a * d), 1);
  dims[free] = total / rest;
  return dims;
}

/** MatMul of a rank-2 activation by a constant matrix (a dense layer). */
function convertMatMul(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  const w = ctx.constant(node.input?.[1] ?? "");
  if (x.nchw || x.shape.length !== 2) throw new Error(`${node.name}: MatMul needs a rank-2 activation`);
  if (w?.dtype !== "float32" || w.shape.length !== 2) throw new Error(`${node.name}: MatMul needs a constant matrix`);
  if (attrBool(node, "transpose_a")) throw new Error(`${node.name}: transpose_a is not supported`);
  let [k = 0, n = 0] = w.shape;
  let values = w.values as Float32Array;
  if (attrBool(node, "transpose_b")) {
    const t = new Float32Array(values.length);
    for (let r = 0; r < k; r++) for (let c = 0; c < n; c++) t[c * k + r] = values[r * n + c] as number;
    values = t;
    [k, n] = [n, k];
  }
  const weights = ctx.addFloatInitializer(`${node.name}/weights`, [k, n], values);
  const out = ctx.freshName(node.name);
  ctx.addNode({ opType: "MatMul", name: out, inputs: [x.name, weights], outputs: [out] });
  ctx.define(node.name, { name: out, nchw: false, shape: [x.shape[0] ?? -1, n] });
}
