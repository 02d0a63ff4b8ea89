import type { TfAttrValue, TfConstant, TfjsGraphModelJson, TfNode, WeightEntry } from "@hailong/models/toolkit";
import { decodeConstant } from "./tflite-constants.js";
import type { TfliteGraph } from "./tflite-model.js";

/**
 * Collects a TF.js-style graph (nodes + float32/int32 weights) while TFLite operators are translated, so the
 * existing TF.js → ONNX converter does the ONNX side. TF nodes are named after TFLite tensor indices ("t12"):
 * TFLite names are long, may repeat and may end in ":0", which TF reads as an output index.
 */
export interface TfGraphBuilder {
  readonly graph: TfliteGraph;
  /** TF node carrying a TFLite tensor; a constant gets its Const node on first use. */
  tensor(index: number): string;
  /** A constant's values (folded DEQUANTIZE outputs included), or undefined for activations. */
  constantOf(index: number): TfConstant | undefined;
  shape(index: number): number[];
  addConstant(name: string, constant: TfConstant): string;
  addNode(name: string, op: string, inputs: string[], attr?: Record<string, TfAttrValue>): string;
  /** Records that TF node `tfName` carries TFLite tensor `index`. */
  bind(index: number, tfName: string): void;
  /** Makes a TFLite tensor a constant computed during conversion (e.g. a dequantized float16 weight). */
  fold(index: number, constant: TfConstant): void;
  /** The graph as model.json plus weight bytes, for buildOnnxModel. */
  finish(): { modelJson: TfjsGraphModelJson; weightData: Uint8Array };
}

export function tensorNodeName(index: number): string {
  return `t${index}`;
}

function constantBytes(c: TfConstant): Uint8Array {
  const bytes = new Uint8Array(c.values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < c.values.length; k++) {
    if (c.dtype === "float32") view.setFloat32(k * 4, c.values[k] as number, true);
    else view.setInt32(k * 4, c.values[k] as number, true);
  }
  return bytes;
}

export function createTfGraphBuilder(graph: TfliteGraph): TfGraphBuilder {
  const nodes: TfNode[] = [];
  const weights: WeightEntry[] = [];
  const chunks: Uint8Array[] = [];
  const bound = new Map<number, string>();
  const folded = new Map<number, TfConstant>();
  const names = new Set<string>();

  const addNode = (name: string, op: string, inputs: string[], attr: Record<string, TfAttrValue> = {}) => {
    if (names.has(name)) throw new Error(`TF node ${name} is defined twice`);
    names.add(name);
    nodes.push({ name, op, input: inputs, attr });
    return name;
  };
  const builder: TfGraphBuilder = {
    graph,
    constantOf(index) {
      const folding = folded.get(index);
      if (folding) return folding;
      const tensor = graph.tensors[index];
      return tensor?.data ? decodeConstant(tensor) : undefined;
    },
    tensor(index) {
      const known = bound.get(index);
      if (known) return known;
      const constant = builder.constantOf(index);
      if (!constant) throw new Error(`TFLite tensor ${index} (${graph.tensors[index]?.name}) is used before defined`);
      const name = builder.addConstant(tensorNodeName(index), constant);
      bound.set(index, name);
      return name;
    },
    shape(index) {
      const tensor = graph.tensors[index];
      if (!tensor) throw new Error(`TFLite graph has no tensor ${index}`);
      return [...tensor.shape];
    },
    addConstant(name, constant) {
      addNode(name, "Const", [], { dtype: { type: constant.dtype === "float32" ? "DT_FLOAT" : "DT_INT32" } });
      weights.push({ name, shape: constant.shape, dtype: constant.dtype });
      chunks.push(constantBytes(constant));
      return name;
    },
    addNode,
    bind(index, tfName) {
      bound.set(index, tfName);
    },
    fold(index, constant) {
      folded.set(index, constant);
    },
    finish() {
      const weightData = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let at = 0;
      for (const c of chunks) {
        weightData.set(c, at);
        at += c.byteLength;
      }
      const modelJson: TfjsGraphModelJson = {
        format: "graph-model",
        modelTopology: { node: nodes },
        weightsManifest: [{ paths: [], weights }],
      };
      return { modelJson, weightData };
    },
  };
  return builder;
}
