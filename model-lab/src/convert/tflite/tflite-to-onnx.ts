import { buildOnnxModel, encodeOnnxModel, type OnnxModel } from "@hailong/models/toolkit";
import { createTfGraphBuilder, type TfGraphBuilder, tensorNodeName } from "./tf-graph-builder.js";
import { readTfliteModel, type TfliteGraph } from "./tflite-model.js";
import { TFLITE_OPS } from "./tflite-ops.js";

export interface TfliteOutputSpec {
  /** ONNX output name */
  onnx: string;
  /** name of one of the TFLite graph's output tensors */
  tflite: string;
}

export interface TfliteConvertOptions {
  /** The .tflite flatbuffer. */
  tflite: Uint8Array;
  outputs: readonly TfliteOutputSpec[];
  /** ONNX input name (default "input"); a rank-4 input becomes NCHW like TF.js conversions. */
  inputName?: string;
  graphName?: string;
  /** Free text and key/value pairs stored in the model (must be deterministic: no timestamps). */
  docString?: string;
  metadata?: Record<string, string>;
}

function outputIndex(graph: TfliteGraph, name: string): number {
  const index = graph.outputs.find((i) => graph.tensors[i]?.name === name);
  if (index === undefined) {
    const known = graph.outputs.map((i) => graph.tensors[i]?.name).join(", ");
    throw new Error(`TFLite graph has no output named ${name} (outputs: ${known})`);
  }
  return index;
}

function addPlaceholder(b: TfGraphBuilder, graph: TfliteGraph): void {
  const [input, ...more] = graph.inputs;
  if (input === undefined || more.length > 0)
    throw new Error("only TFLite graphs with exactly one input are supported");
  const dim = b.shape(input).map((d) => ({ size: String(d) }));
  const attr = { dtype: { type: "DT_FLOAT" }, shape: { shape: { dim } } };
  b.bind(input, b.addNode(tensorNodeName(input), "Placeholder", [], attr));
}

/**
 * TFLite flatbuffer → ONNX graph: each TFLite operator becomes the TF op the TF.js converter already maps
 * (float16 weights are dequantized while translating), and buildOnnxModel writes the ONNX graph.
 */
export function buildTfliteOnnxModel(options: TfliteConvertOptions): OnnxModel {
  const graph = readTfliteModel(options.tflite);
  const b = createTfGraphBuilder(graph);
  addPlaceholder(b, graph);
  for (const [k, op] of graph.operators.entries()) {
    const known = TFLITE_OPS.get(op.builtinCode);
    if (!known) {
      const what = op.customCode ? `custom op ${op.customCode}` : `builtin op ${op.builtinCode}`;
      throw new Error(`TFLite operator ${k}: ${what} is not supported by the converter`);
    }
    try {
      known.translate(b, op);
    } catch (error) {
      throw new Error(`TFLite operator ${k} (${known.name}): ${(error as Error).message}`, { cause: error });
    }
  }
  const { modelJson, weightData } = b.finish();
  const model = buildOnnxModel({
    modelJson,
    weightData,
    outputs: options.outputs.map((o) => ({ onnx: o.onnx, tf: tensorNodeName(outputIndex(graph, o.tflite)) })),
    inputName: options.inputName ?? "input",
    graphName: options.graphName ?? "tflite-graph",
    docString: options.docString ?? "",
    metadata: options.metadata ?? {},
  });
  return { ...model, producerName: "hailong-tflite-to-onnx" };
}

/** TFLite bytes → ONNX bytes. Pure and deterministic: same input, same bytes. */
export function convertTfliteModel(options: TfliteConvertOptions): Uint8Array {
  return encodeOnnxModel(buildTfliteOnnxModel(options));
}
