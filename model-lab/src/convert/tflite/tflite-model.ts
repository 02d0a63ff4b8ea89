import { type FlatTable, flatRoot } from "./flatbuffer.js";

/**
 * The parts of a TFLite model (tensorflow/lite/schema/schema.fbs) the converter reads, as plain objects.
 * Field indices below are the schema's declaration order (a union takes two slots: type, then value).
 */

/** schema.fbs `enum TensorType`. */
export const TfliteTensorType = { FLOAT32: 0, FLOAT16: 1, INT32: 2, UINT8: 3, INT64: 4, BOOL: 6, INT8: 9 } as const;

export interface TfliteTensor {
  index: number;
  name: string;
  shape: number[];
  type: number;
  /** Constant data (little-endian elements), or undefined for activations. */
  data?: Uint8Array;
}

export interface TfliteOperator {
  /** schema.fbs `enum BuiltinOperator` value (CUSTOM = 32). */
  builtinCode: number;
  customCode?: string;
  inputs: number[];
  outputs: number[];
  /** schema.fbs `union BuiltinOptions` type index (0 = none). */
  optionsType: number;
  options?: FlatTable;
}

export interface TfliteGraph {
  tensors: TfliteTensor[];
  inputs: number[];
  outputs: number[];
  operators: TfliteOperator[];
  description: string;
}

const MODEL = { operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4 } as const;
const OPERATOR_CODE = { deprecatedBuiltinCode: 0, customCode: 1, builtinCode: 3 } as const;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3 } as const;
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3 } as const;
const OPERATOR = { opcodeIndex: 0, inputs: 1, outputs: 2, optionsType: 3, options: 4 } as const;
const BUFFER = { data: 0, offset: 1, size: 2 } as const;

interface OperatorCode {
  builtinCode: number;
  customCode?: string;
}

/** Codes past 127 live in `builtin_code`; older files only set the byte-sized `deprecated_builtin_code`. */
function readOperatorCode(t: FlatTable): OperatorCode {
  const builtinCode = Math.max(t.int8(OPERATOR_CODE.deprecatedBuiltinCode), t.int32(OPERATOR_CODE.builtinCode));
  const customCode = t.string(OPERATOR_CODE.customCode);
  return customCode === undefined ? { builtinCode } : { builtinCode, customCode };
}

/** A buffer's bytes: inline `data`, or (models over 2 GB) `offset`/`size` into the file. */
function readBuffer(t: FlatTable, file: Uint8Array): Uint8Array | undefined {
  const offset = t.uint64(BUFFER.offset);
  if (offset > 1) return file.subarray(offset, offset + t.uint64(BUFFER.size));
  const data = t.bytes(BUFFER.data);
  return data && data.byteLength > 0 ? data : undefined;
}

function readOperator(t: FlatTable, codes: readonly OperatorCode[]): TfliteOperator {
  const code = codes[t.uint32(OPERATOR.opcodeIndex)];
  if (!code) throw new Error(`operator refers to opcode ${t.uint32(OPERATOR.opcodeIndex)}, which the model lacks`);
  const options = t.table(OPERATOR.options);
  return {
    ...code,
    inputs: t.int32s(OPERATOR.inputs),
    outputs: t.int32s(OPERATOR.outputs),
    optionsType: t.uint8(OPERATOR.optionsType),
    ...(options ? { options } : {}),
  };
}

/** Parses the first subgraph of a TFLite flatbuffer (the model's main graph). */
export function readTfliteModel(bytes: Uint8Array): TfliteGraph {
  const model = flatRoot(bytes, "TFL3");
  const codes = model.tables(MODEL.operatorCodes).map(readOperatorCode);
  const buffers = model.tables(MODEL.buffers).map((b) => readBuffer(b, bytes));
  const [graph] = model.tables(MODEL.subgraphs);
  if (!graph) throw new Error("TFLite model has no subgraph");
  const tensors = graph.tables(SUBGRAPH.tensors).map((t, index): TfliteTensor => {
    const data = buffers[t.uint32(TENSOR.buffer)];
    return {
      index,
      name: t.string(TENSOR.name) ?? `tensor_${index}`,
      shape: t.int32s(TENSOR.shape),
      type: t.int8(TENSOR.type),
      ...(data ? { data } : {}),
    };
  });
  return {
    tensors,
    inputs: graph.int32s(SUBGRAPH.inputs),
    outputs: graph.int32s(SUBGRAPH.outputs),
    operators: graph.tables(SUBGRAPH.operators).map((o) => readOperator(o, codes)),
    description: model.string(MODEL.description) ?? "",
  };
}
