import { CONVERTER_VERSION } from "./build-tag.js";
import { type ConversionContext, createConversionContext, tfInputName, type Value } from "./graph-context.js";
import { nhwcToNchwOrder } from "./layout.js";
import { encodeOnnxModel, OnnxDataType, type OnnxModel, type OnnxValueInfo } from "./onnx-proto.js";
import { convertConvolution, convertPool } from "./ops-conv.js";
import { convertShapeOp, SHAPE_OPS, toNhwc } from "./ops-shape.js";
import { convertTensorOp, TENSOR_OPS } from "./ops-tensor.js";
import {
  decodeWeights,
  placeholderShape,
  type TfjsGraphModelJson,
  TfjsGraphModelJsonSchema,
  type TfNode,
} from "./tfjs-model.js";

export const ONNX_OPSET = 13;

export interface TfjsConvertOptions {
  /** The parsed model.json of a TF.js graph model. */
  modelJson: unknown;
  /** The weight shards of `weightsManifest`, concatenated in manifest order. */
  weightData: Uint8Array;
  /** ONNX outputs in graph order, each one TF tensor or several concatenated along a (TF) axis. */
  outputs: readonly TfjsOutputSpec[];
  /** ONNX input name (default "input"). */
  inputName?: string;
  graphName?: string;
  /** Free text and key/value pairs stored in the model (must be deterministic: no timestamps). */
  docString?: string;
  metadata?: Record<string, string>;
}

export interface TfjsOutputSpec {
  onnx: string;
  /** TF tensor name(s); several are joined with Concat (e.g. BlazeFace's per-scale heads). */
  tf: string | readonly string[];
  /** TF axis to concatenate along when `tf` lists several tensors (only for non-NHWC tensors). */
  concatAxis?: number;
}

const CONV_OPS = new Set(["Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative"]);
const POOL_OPS = new Set(["MaxPool", "AvgPool"]);

/** Nodes needed for the outputs, dependencies first; ties keep model.json order so output is stable. */
function topologicalOrder(nodes: readonly TfNode[], outputs: readonly string[]): TfNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const done = new Set<string>();
  const order: TfNode[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name)) return;
    const node = byName.get(name);
    if (!node) throw new Error(`TF graph references unknown node ${name}`);
    if (path.has(name)) throw new Error(`TF graph has a cycle through ${name}`);
    path.add(name);
    for (const input of node.input ?? []) if (!input.startsWith("^")) visit(tfInputName(input), path);
    path.delete(name);
    done.add(name);
    order.push(node);
  };
  for (const out of outputs) visit(out, new Set());
  return order;
}

function tfNames(o: TfjsOutputSpec): readonly string[] {
  return typeof o.tf === "string" ? [o.tf] : o.tf;
}

function valueInfo(name: string, v: Value, batchParam: string): OnnxValueInfo {
  const shape = v.nchw ? nhwcToNchwOrder(v.shape) : v.shape;
  return { name, elemType: OnnxDataType.FLOAT, shape: shape.map((d) => (d < 0 ? batchParam : d)) };
}

/** Names a converted tensor as a graph output, concatenating multi-tensor outputs. */
function emitOutput(ctx: ConversionContext, o: TfjsOutputSpec, batchParam: string): OnnxValueInfo {
  const parts = tfNames(o).map((name) => ctx.value(name));
  const first = parts[0];
  if (!first) throw new Error(`output ${o.onnx} names no TF tensor`);
  if (parts.length === 1) {
    // Outputs keep TF's shape and element order, so NCHW tensors go back to NHWC.
    const plain = toNhwc(ctx, first, o.onnx);
    ctx.addNode({ opType: "Identity", name: o.onnx, inputs: [plain.name], outputs: [o.onnx] });
    return valueInfo(o.onnx, plain, batchParam);
  }
  const axis = o.concatAxis ?? -1;
  if (parts.some((p) => p.nchw)) throw new Error(`output ${o.onnx}: concatenating NHWC tensors is not supported`);
  const at = axis < 0 ? axis + first.shape.length : axis;
  const shape = first.shape.map((d, k) => (k === at ? parts.reduce((sum, p) => sum + (p.shape[k] ?? 0), 0) : d));
  const inputs = parts.map((p) => p.name);
  ctx.addNode({ opType: "Concat", name: o.onnx, inputs, outputs: [o.onnx], attributes: { axis } });
  return valueInfo(o.onnx, { name: o.onnx, nchw: false, shape }, batchParam);
}

/** Builds the ONNX graph (not yet serialised) for a TF.js graph model. */
export function buildOnnxModel(options: TfjsConvertOptions): OnnxModel {
  const model: TfjsGraphModelJson = TfjsGraphModelJsonSchema.parse(options.modelJson);
  const nodes = model.modelTopology.node;
  const constants = decodeWeights(model.weightsManifest, options.weightData);
  const { ctx, state } = createConversionContext(constants, new Map(nodes.map((n) => [n.name, n])));
  const inputName = options.inputName ?? "input";
  const batchParam = "N";
  ctx.freshName(inputName);
  for (const o of options.outputs) ctx.freshName(o.onnx);

  const inputs: OnnxValueInfo[] = [];
  for (const node of topologicalOrder(
    nodes,
    options.outputs.flatMap((o) => tfNames(o).map(tfInputName)),
  )) {
    if (node.op === "Const") {
      if (!constants.has(node.name)) throw new Error(`constant ${node.name} has no weight data`);
    } else if (node.op === "Placeholder") {
      if (inputs.length > 0) throw new Error("models with more than one input are not supported");
      const shape = placeholderShape(node);
      const v: Value = { name: inputName, shape, nchw: shape.length === 4 };
      ctx.define(node.name, v);
      inputs.push(valueInfo(inputName, v, batchParam));
    } else if (node.op === "Identity" || node.op === "NoOp") {
      if (!ctx.constant(node.name)) ctx.define(node.name, ctx.value(node.input?.[0] ?? ""));
    } else if (CONV_OPS.has(node.op)) {
      convertConvolution(ctx, node);
    } else if (POOL_OPS.has(node.op)) {
      convertPool(ctx, node);
    } else if (TENSOR_OPS.has(node.op)) {
      convertTensorOp(ctx, node);
    } else if (SHAPE_OPS.has(node.op)) {
      convertShapeOp(ctx, node);
    } else {
      throw new Error(`${node.name}: TF op ${node.op} is not supported by the converter`);
    }
  }

  const outputs = options.outputs.map((o) => emitOutput(ctx, o, batchParam));
  return {
    graphName: options.graphName ?? "tfjs-graph",
    producerName: "hailong-tfjs-to-onnx",
    producerVersion: CONVERTER_VERSION,
    docString: options.docString ?? "",
    opsetVersion: ONNX_OPSET,
    nodes: state.nodes,
    initializers: state.initializers,
    inputs,
    outputs,
    metadata: options.metadata ?? {},
  };
}

/** TF.js graph model (JSON + weights) → ONNX bytes. Pure and deterministic: same input, same bytes. */
export function convertTfjsGraphModel(options: TfjsConvertOptions): Uint8Array {
  return encodeOnnxModel(buildOnnxModel(options));
}
