import { OnnxDataType, type OnnxInitializer, type OnnxNode } from "./onnx-proto.js";
import type { TfConstant, TfNode } from "./tfjs-model.js";

/**
 * An activation tensor during conversion. `shape` is always the TF (logical) shape, so a rank-4 tensor's
 * shape reads [N, H, W, C]; `nchw` says the ONNX tensor stores it as [N, C, H, W].
 */
export interface Value {
  name: string;
  shape: number[];
  nchw: boolean;
}

export interface ConversionContext {
  /** The activation feeding a node input (follows Identity aliases). Throws for constants. */
  value(tfInput: string): Value;
  /** The constant feeding a node input, or undefined when it is an activation. */
  constant(tfInput: string): TfConstant | undefined;
  /** Registers the ONNX tensor that carries a TF node's output. */
  define(tfName: string, value: Value): void;
  addNode(node: OnnxNode): void;
  addFloatInitializer(baseName: string, dims: number[], values: Float32Array | number[]): string;
  addInt64Initializer(baseName: string, values: number[]): string;
  /** A fresh ONNX value name derived from a TF node name. */
  freshName(baseName: string): string;
}

export interface ContextState {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  values: Map<string, Value>;
}

/** TF input references look like "name", "name:1" or "^name" (control dependency). */
export function tfInputName(input: string): string {
  const bare = input.startsWith("^") ? input.slice(1) : input;
  const colon = bare.lastIndexOf(":");
  if (colon > 0 && /^\d+$/.test(bare.slice(colon + 1))) {
    if (bare.slice(colon + 1) !== "0") throw new Error(`multi-output TF ops are not supported (${input})`);
    return bare.slice(0, colon);
  }
  return bare;
}

export function createConversionContext(
  constants: ReadonlyMap<string, TfConstant>,
  nodesByName: ReadonlyMap<string, TfNode>,
): { ctx: ConversionContext; state: ContextState } {
  const state: ContextState = { nodes: [], initializers: [], values: new Map() };
  const used = new Set<string>();

  const freshName = (baseName: string): string => {
    let name = baseName;
    for (let k = 1; used.has(name); k++) name = `${baseName}_${k}`;
    used.add(name);
    return name;
  };

  const constantOf = (tfInput: string): TfConstant | undefined => {
    let name = tfInputName(tfInput);
    for (let node = nodesByName.get(name); node?.op === "Identity"; node = nodesByName.get(name)) {
      name = tfInputName(node.input?.[0] ?? "");
    }
    return nodesByName.get(name)?.op === "Const" ? constants.get(name) : undefined;
  };

  const ctx: ConversionContext = {
    value(tfInput) {
      const name = tfInputName(tfInput);
      const v = state.values.get(name);
      if (!v)
        throw new Error(
          `TF tensor ${name} has not been converted (is it a constant where an activation was expected?)`,
        );
      return v;
    },
    constant: constantOf,
    define(tfName, value) {
      state.values.set(tfName, value);
    },
    addNode(node) {
      state.nodes.push(node);
    },
    addFloatInitializer(baseName, dims, values) {
      const name = freshName(baseName);
      const data = values instanceof Float32Array ? values : Float32Array.from(values);
      const raw = new Uint8Array(data.length * 4);
      const view = new DataView(raw.buffer);
      for (let k = 0; k < data.length; k++) view.setFloat32(k * 4, data[k] as number, true);
      state.initializers.push({ name, dataType: OnnxDataType.FLOAT, dims, rawData: raw });
      return name;
    },
    addInt64Initializer(baseName, values) {
      const name = freshName(baseName);
      const raw = new Uint8Array(values.length * 8);
      const view = new DataView(raw.buffer);
      for (let k = 0; k < values.length; k++) view.setBigInt64(k * 8, BigInt(values[k] as number), true);
      state.initializers.push({ name, dataType: OnnxDataType.INT64, dims: [values.length], rawData: raw });
      return name;
    },
    freshName,
  };
  return { ctx, state };
}
