import type { ConversionContext, Value } from "./graph-context.js";
import { depthwiseToOihw, hwioToOihw, tfPadding } from "./layout.js";
import { attrFloat, attrInt, attrInts, attrString, attrStrings, type TfConstant, type TfNode } from "./tfjs-model.js";

interface Window {
  pads: number[];
  strides: number[];
  dilations: number[];
  outH: number;
  outW: number;
}

function expectNhwc(node: TfNode, x: Value): void {
  const format = attrString(node, "data_format") ?? "NHWC";
  if (format !== "NHWC") throw new Error(`${node.name}: data_format ${format} is not supported`);
  if (!x.nchw || x.shape.length !== 4) throw new Error(`${node.name}: expected a rank-4 NHWC activation`);
}

/** Explicit ONNX pads [top, left, bottom, right] reproducing TF's SAME/VALID/EXPLICIT padding. */
function windowOf(node: TfNode, x: Value, kh: number, kw: number): Window {
  const strides = attrInts(node, "strides") ?? [1, 1, 1, 1];
  const dilations = attrInts(node, "dilations") ?? [1, 1, 1, 1];
  const [sh, sw] = [strides[1] ?? 1, strides[2] ?? 1];
  const [dh, dw] = [dilations[1] ?? 1, dilations[2] ?? 1];
  const [, inH = 0, inW = 0] = x.shape;
  const mode = attrString(node, "padding") ?? "VALID";
  if (mode === "EXPLICIT") {
    const e = attrInts(node, "explicit_paddings") ?? [];
    const [t = 0, b = 0, l = 0, r = 0] = [e[2], e[3], e[4], e[5]];
    const outH = Math.floor((inH + t + b - ((kh - 1) * dh + 1)) / sh) + 1;
    const outW = Math.floor((inW + l + r - ((kw - 1) * dw + 1)) / sw) + 1;
    return { pads: [t, l, b, r], strides: [sh, sw], dilations: [dh, dw], outH, outW };
  }
  const ph = tfPadding(mode, inH, kh, sh, dh);
  const pw = tfPadding(mode, inW, kw, sw, dw);
  return {
    pads: [ph.begin, pw.begin, ph.end, pw.end],
    strides: [sh, sw],
    dilations: [dh, dw],
    outH: ph.outSize,
    outW: pw.outSize,
  };
}

function requireConstant(ctx: ConversionContext, node: TfNode, index: number, what: string): TfConstant {
  const c = ctx.constant(node.input?.[index] ?? "");
  if (c?.dtype !== "float32") throw new Error(`${node.name}: ${what} must be a float32 constant`);
  return c;
}

/** Emits the activation named by fused_ops[1] (if any) after `input`; returns the final tensor name. */
function emitFusedActivation(ctx: ConversionContext, node: TfNode, activation: string | undefined, input: string) {
  if (activation === undefined) return input;
  const out = ctx.freshName(`${node.name}/${activation}`);
  const base = { name: out, inputs: [input], outputs: [out] };
  switch (activation) {
    case "Relu":
    case "Sigmoid":
    case "Tanh":
    case "Elu":
      ctx.addNode({ ...base, opType: activation });
      return out;
    case "Relu6": {
      const lo = ctx.addFloatInitializer(`${node.name}/relu6_min`, [], [0]);
      const hi = ctx.addFloatInitializer(`${node.name}/relu6_max`, [], [6]);
      ctx.addNode({ ...base, opType: "Clip", inputs: [input, lo, hi] });
      return out;
    }
    case "LeakyRelu":
      ctx.addNode({
        ...base,
        opType: "LeakyRelu",
        attributes: { alpha: { float: attrFloat(node, "leakyrelu_alpha") ?? 0.2 } },
      });
      return out;
    case "Prelu": {
      const alpha = requireConstant(ctx, node, 3, "prelu alpha");
      const slope = ctx.addFloatInitializer(
        `${node.name}/prelu_slope`,
        [alpha.values.length, 1, 1],
        alpha.values as Float32Array,
      );
      ctx.addNode({ ...base, opType: "PRelu", inputs: [input, slope] });
      return out;
    }
    default:
      throw new Error(`${node.name}: fused activation ${activation} is not supported`);
  }
}

/** Conv2D, _FusedConv2D, DepthwiseConv2dNative and FusedDepthwiseConv2dNative → one ONNX Conv (+ activation). */
export function convertConvolution(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  expectNhwc(node, x);
  const kernel = requireConstant(ctx, node, 1, "kernel");
  const depthwise = node.op.includes("Depthwise");
  const [kh = 0, kw = 0] = kernel.shape;
  const relaid = depthwise
    ? depthwiseToOihw(kernel.values as Float32Array, kernel.shape)
    : { ...hwioToOihw(kernel.values as Float32Array, kernel.shape), group: 1 };
  const outChannels = relaid.dims[0] as number;

  const fused = attrStrings(node, "fused_ops");
  const [fusion, activation, ...rest] = fused;
  if (rest.length > 0) throw new Error(`${node.name}: fused_ops ${fused.join(",")} is not supported`);
  let bias: Float32Array | undefined;
  if (fusion === "BiasAdd") {
    bias = requireConstant(ctx, node, 2, "bias").values as Float32Array;
  } else if (fusion !== undefined) {
    throw new Error(`${node.name}: fused op ${fusion} is not supported`);
  }
  // TF.js cannot run FusedBatchNorm fusions either, so graph models never carry them.
  const expectedArgs = fusion === "BiasAdd" ? 1 : 0;
  const numArgs = attrInt(node, "num_args") ?? 0;
  if (numArgs !== expectedArgs + (activation === "Prelu" ? 1 : 0)) {
    throw new Error(`${node.name}: num_args ${numArgs} does not match fused_ops ${fused.join(",")}`);
  }

  const win = windowOf(node, x, kh, kw);
  const inputs = [x.name, ctx.addFloatInitializer(`${node.name}/weights`, relaid.dims, relaid.data)];
  if (bias) inputs.push(ctx.addFloatInitializer(`${node.name}/bias`, [outChannels], bias));
  const convOut = ctx.freshName(activation ? `${node.name}/conv` : node.name);
  ctx.addNode({
    opType: "Conv",
    name: convOut,
    inputs,
    outputs: [convOut],
    attributes: {
      kernel_shape: [kh, kw],
      strides: win.strides,
      dilations: win.dilations,
      pads: win.pads,
      group: relaid.group,
    },
  });
  const out = emitFusedActivation(ctx, node, activation, convOut);
  ctx.define(node.name, { name: out, nchw: true, shape: [x.shape[0] ?? -1, win.outH, win.outW, outChannels] });
}

/** MaxPool / AvgPool. ONNX ignores padded cells for both (count_include_pad = 0), as TF does. */
export function convertPool(ctx: ConversionContext, node: TfNode): void {
  const x = ctx.value(node.input?.[0] ?? "");
  expectNhwc(node, x);
  const ksize = attrInts(node, "ksize") ?? [1, 1, 1, 1];
  const [kh = 1, kw = 1] = [ksize[1], ksize[2]];
  const win = windowOf(node, x, kh, kw);
  if (win.dilations.some((d) => d !== 1)) throw new Error(`${node.name}: dilated pooling is not supported`);
  const out = ctx.freshName(node.name);
  ctx.addNode({
    opType: node.op === "MaxPool" ? "MaxPool" : "AveragePool",
    name: out,
    inputs: [x.name],
    outputs: [out],
    attributes: { kernel_shape: [kh, kw], strides: win.strides, pads: win.pads },
  });
  ctx.define(node.name, { name: out, nchw: true, shape: [x.shape[0] ?? -1, win.outH, win.outW, x.shape[3] ?? -1] });
}
