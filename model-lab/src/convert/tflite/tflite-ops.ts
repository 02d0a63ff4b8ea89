import type { TfAttrValue } from "@hailong/models/toolkit";
import { type TfGraphBuilder, tensorNodeName } from "./tf-graph-builder.js";
import { decodeConstant, permuteAxes } from "./tflite-constants.js";
import type { TfliteOperator } from "./tflite-model.js";

/**
 * TFLite builtin operators → TF ops the TF.js converter knows. Codes and option-table field orders are those of
 * tensorflow/lite/schema/schema.fbs (`enum BuiltinOperator`, `table Conv2DOptions` …).
 */
type Translate = (b: TfGraphBuilder, op: TfliteOperator) => void;

const b64 = (s: string): TfAttrValue => ({ s: Buffer.from(s).toString("base64") });
const ints = (...values: number[]): TfAttrValue => ({ list: { i: values.map(String) } });
const int = (value: number): TfAttrValue => ({ i: String(value) });

/** schema.fbs `enum ActivationFunctionType` → TF op name (0 = NONE). */
const ACTIVATIONS: Record<number, string> = { 1: "Relu", 3: "Relu6", 4: "Tanh" };
const PADDING = ["SAME", "VALID"];

function activationOf(op: TfliteOperator, field: number): string | undefined {
  const code = op.options?.int8(field) ?? 0;
  if (code === 0) return undefined;
  const name = ACTIVATIONS[code];
  if (!name) throw new Error(`TFLite fused activation ${code} is not supported`);
  return name;
}

function out(op: TfliteOperator): number {
  const [index] = op.outputs;
  if (index === undefined) throw new Error("TFLite operator has no output");
  return index;
}

/** Adds `tfOp` for the operator's output, followed by a separate activation node when one is fused. */
function emit(
  b: TfGraphBuilder,
  op: TfliteOperator,
  tfOp: string,
  inputs: string[],
  attr: Record<string, TfAttrValue> = {},
  activation?: string,
): void {
  const name = tensorNodeName(out(op));
  if (activation === undefined) {
    b.bind(out(op), b.addNode(name, tfOp, inputs, attr));
    return;
  }
  const pre = b.addNode(`${name}/pre`, tfOp, inputs, attr);
  b.bind(out(op), b.addNode(name, activation, [pre]));
}

function requireConstant(b: TfGraphBuilder, index: number | undefined, what: string) {
  const c = index === undefined || index < 0 ? undefined : b.constantOf(index);
  if (c?.dtype !== "float32") throw new Error(`TFLite ${what} (tensor ${index}) must be a float constant`);
  return c;
}

/** The bias input, or zeros when the operator has none (TF.js fusions always carry one). */
function biasInput(b: TfGraphBuilder, op: TfliteOperator, channels: number): string {
  const index = op.inputs[2];
  if (index !== undefined && index >= 0) return b.tensor(index);
  const zeros = new Float32Array(channels);
  return b.addConstant(`${tensorNodeName(out(op))}/zero_bias`, { dtype: "float32", shape: [channels], values: zeros });
}

/** Every window option table starts padding, stride_w, stride_h; convolutions also keep dilation_w, dilation_h. */
function windowAttrs(op: TfliteOperator, dilationField?: number): Record<string, TfAttrValue> {
  const o = op.options;
  const attrs = {
    padding: b64(PADDING[o?.int8(0) ?? 0] ?? "SAME"),
    strides: ints(1, o?.int32(2, 1) ?? 1, o?.int32(1, 1) ?? 1, 1),
    data_format: b64("NHWC"),
  };
  if (dilationField === undefined) return attrs;
  const [dw, dh] = [o?.int32(dilationField, 1) ?? 1, o?.int32(dilationField + 1, 1) ?? 1];
  return { ...attrs, dilations: ints(1, dh, dw, 1) };
}

function fusedAttrs(activation: string | undefined): Record<string, TfAttrValue> {
  const fused = activation ? ["BiasAdd", activation] : ["BiasAdd"];
  return { fused_ops: { list: { s: fused.map((s) => Buffer.from(s).toString("base64")) } }, num_args: int(1) };
}

/** CONV_2D: kernel [O, H, W, I] → TF's [H, W, I, O]. Options: padding, stride_w, stride_h, activation, dilations. */
const conv2d: Translate = (b, op) => {
  const kernel = requireConstant(b, op.inputs[1], "convolution kernel");
  const [o = 0, h = 0, w = 0, i = 0] = kernel.shape;
  const hwio = permuteAxes(kernel.values as Float32Array, kernel.shape, [1, 2, 3, 0]);
  const name = tensorNodeName(out(op));
  const k = b.addConstant(`${name}/kernel`, { dtype: "float32", shape: [h, w, i, o], values: hwio });
  const activation = activationOf(op, 3);
  const inputs = [b.tensor(op.inputs[0] ?? -1), k, biasInput(b, op, o)];
  b.bind(out(op), b.addNode(name, "_FusedConv2D", inputs, { ...windowAttrs(op, 4), ...fusedAttrs(activation) }));
};

/** DEPTHWISE_CONV_2D: kernel [1, H, W, C·M] holds TF's [H, W, C, M] in the same element order. */
const depthwiseConv2d: Translate = (b, op) => {
  const kernel = requireConstant(b, op.inputs[1], "depthwise kernel");
  const [, h = 0, w = 0, cm = 0] = kernel.shape;
  const channels = b.shape(op.inputs[0] ?? -1)[3] ?? 0;
  const multiplier = cm / channels;
  if (!Number.isInteger(multiplier)) throw new Error(`depthwise kernel [${kernel.shape}] for ${channels} channels`);
  const name = tensorNodeName(out(op));
  const k = b.addConstant(`${name}/kernel`, { ...kernel, shape: [h, w, channels, multiplier] });
  const activation = activationOf(op, 4);
  const inputs = [b.tensor(op.inputs[0] ?? -1), k, biasInput(b, op, cm)];
  const attrs = { ...windowAttrs(op, 5), ...fusedAttrs(activation) };
  b.bind(out(op), b.addNode(name, "FusedDepthwiseConv2dNative", inputs, attrs));
};

/** MAX_POOL_2D / AVERAGE_POOL_2D. Options: padding, stride_w, stride_h, filter_width, filter_height, activation. */
const pool =
  (tfOp: string): Translate =>
  (b, op) => {
    const o = op.options;
    const attrs = { ...windowAttrs(op), ksize: ints(1, o?.int32(4, 1) ?? 1, o?.int32(3, 1) ?? 1, 1) };
    emit(b, op, tfOp, [b.tensor(op.inputs[0] ?? -1)], attrs, activationOf(op, 5));
  };

/** Ops whose inputs map one to one; `activationField` is where the options table keeps a fused activation. */
const direct =
  (tfOp: string, activationField?: number): Translate =>
  (b, op) => {
    const activation = activationField === undefined ? undefined : activationOf(op, activationField);
    emit(
      b,
      op,
      tfOp,
      op.inputs.map((i) => b.tensor(i)),
      {},
      activation,
    );
  };

/** RESHAPE: the target is the output tensor's static shape (the shape input or option may hold −1). */
const reshape: Translate = (b, op) => {
  const target = b.shape(out(op));
  const name = tensorNodeName(out(op));
  const shape = b.addConstant(`${name}/shape`, {
    dtype: "int32",
    shape: [target.length],
    values: Int32Array.from(target),
  });
  emit(b, op, "Reshape", [b.tensor(op.inputs[0] ?? -1), shape]);
};

/** MEAN / SUM / REDUCE_MAX. ReducerOptions: keep_dims. */
const reduce =
  (tfOp: string): Translate =>
  (b, op) => {
    const inputs = [b.tensor(op.inputs[0] ?? -1), b.tensor(op.inputs[1] ?? -1)];
    emit(b, op, tfOp, inputs, { keep_dims: { b: op.options?.bool(0) ?? false } });
  };

/** CONCATENATION. Options: axis, activation. */
const concatenation: Translate = (b, op) => {
  const axis = op.options?.int32(0) ?? 0;
  const name = tensorNodeName(out(op));
  const axisConst = b.addConstant(`${name}/axis`, { dtype: "int32", shape: [], values: Int32Array.of(axis) });
  const inputs = [...op.inputs.map((i) => b.tensor(i)), axisConst];
  emit(b, op, "ConcatV2", inputs, { N: int(op.inputs.length) }, activationOf(op, 1));
};

/** STRIDED_SLICE. Options: begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask, offset. */
const stridedSlice: Translate = (b, op) => {
  const o = op.options;
  if (o?.bool(5)) throw new Error("STRIDED_SLICE with offset = true is not supported");
  const masks = ["begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"];
  const attrs = Object.fromEntries(masks.map((m, k) => [m, int(o?.int32(k) ?? 0)]));
  emit(
    b,
    op,
    "StridedSlice",
    op.inputs.map((i) => b.tensor(i)),
    attrs,
  );
};

/** DEQUANTIZE of a float16 constant: folded into a float32 constant. */
const dequantize: Translate = (b, op) => {
  const input = b.graph.tensors[op.inputs[0] ?? -1];
  if (!input?.data) throw new Error("DEQUANTIZE of an activation is not supported (only constant weights)");
  b.fold(out(op), decodeConstant(input));
};

/** SOFTMAX. Options: beta (only 1 is supported). */
const softmax: Translate = (b, op) => {
  const beta = op.options?.float32(0, 1) ?? 1;
  if (beta !== 1) throw new Error(`SOFTMAX with beta ${beta} is not supported`);
  emit(b, op, "Softmax", [b.tensor(op.inputs[0] ?? -1)]);
};

/** Supported builtin codes (schema.fbs `enum BuiltinOperator`) with their names for error messages. */
export const TFLITE_OPS: ReadonlyMap<number, { name: string; translate: Translate }> = new Map([
  [0, { name: "ADD", translate: direct("AddV2", 0) }],
  [1, { name: "AVERAGE_POOL_2D", translate: pool("AvgPool") }],
  [2, { name: "CONCATENATION", translate: concatenation }],
  [3, { name: "CONV_2D", translate: conv2d }],
  [4, { name: "DEPTHWISE_CONV_2D", translate: depthwiseConv2d }],
  [6, { name: "DEQUANTIZE", translate: dequantize }],
  [14, { name: "LOGISTIC", translate: direct("Sigmoid") }],
  [17, { name: "MAX_POOL_2D", translate: pool("MaxPool") }],
  [18, { name: "MUL", translate: direct("Mul", 0) }],
  [19, { name: "RELU", translate: direct("Relu") }],
  [21, { name: "RELU6", translate: direct("Relu6") }],
  [22, { name: "RESHAPE", translate: reshape }],
  [25, { name: "SOFTMAX", translate: softmax }],
  [28, { name: "TANH", translate: direct("Tanh") }],
  [34, { name: "PAD", translate: direct("Pad") }],
  [39, { name: "TRANSPOSE", translate: direct("Transpose") }],
  [40, { name: "MEAN", translate: reduce("Mean") }],
  [41, { name: "SUB", translate: direct("Sub", 0) }],
  [42, { name: "DIV", translate: direct("RealDiv", 0) }],
  [45, { name: "STRIDED_SLICE", translate: stridedSlice }],
  [54, { name: "PRELU", translate: direct("Prelu") }],
  [59, { name: "NEG", translate: direct("Neg") }],
  [74, { name: "SUM", translate: reduce("Sum") }],
  [75, { name: "SQRT", translate: direct("Sqrt") }],
  [76, { name: "RSQRT", translate: direct("Rsqrt") }],
  [82, { name: "REDUCE_MAX", translate: reduce("Max") }],
  [99, { name: "SQUARED_DIFFERENCE", translate: direct("SquaredDifference") }],
]);
