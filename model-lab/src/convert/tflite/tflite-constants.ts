import { halfToFloat, type TfConstant } from "@hailong/models/toolkit";
import { type TfliteTensor, TfliteTensorType } from "./tflite-model.js";

/** A TFLite constant tensor's values: float16 weights widen to float32, int64 narrows to int32. */
export function decodeConstant(tensor: TfliteTensor): TfConstant {
  const data = tensor.data;
  if (!data) throw new Error(`TFLite tensor ${tensor.name} is not a constant`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  const read = reader(tensor, view);
  const bytes = elementBytes(tensor);
  if (data.byteLength !== count * bytes) {
    throw new Error(
      `TFLite tensor ${tensor.name}: ${data.byteLength} bytes for shape [${tensor.shape.join(", ")}] (${count} × ${bytes} expected)`,
    );
  }
  const isFloat = tensor.type === TfliteTensorType.FLOAT32 || tensor.type === TfliteTensorType.FLOAT16;
  const values = isFloat ? new Float32Array(count) : new Int32Array(count);
  for (let k = 0; k < count; k++) values[k] = read(k);
  return { dtype: isFloat ? "float32" : "int32", shape: [...tensor.shape], values };
}

function elementBytes(tensor: TfliteTensor): number {
  switch (tensor.type) {
    case TfliteTensorType.FLOAT32:
    case TfliteTensorType.INT32:
      return 4;
    case TfliteTensorType.FLOAT16:
      return 2;
    case TfliteTensorType.INT64:
      return 8;
    default:
      throw new Error(`TFLite tensor ${tensor.name}: constants of type ${tensor.type} are not supported`);
  }
}

function reader(tensor: TfliteTensor, view: DataView): (k: number) => number {
  switch (tensor.type) {
    case TfliteTensorType.FLOAT32:
      return (k) => view.getFloat32(k * 4, true);
    case TfliteTensorType.FLOAT16:
      return (k) => halfToFloat(view.getUint16(k * 2, true));
    case TfliteTensorType.INT32:
      return (k) => view.getInt32(k * 4, true);
    case TfliteTensorType.INT64:
      return (k) => Number(view.getBigInt64(k * 8, true));
    default:
      return () => {
        throw new Error(`TFLite tensor ${tensor.name}: constants of type ${tensor.type} are not supported`);
      };
  }
}

/** Moves the axes of a row-major array: result axis j is input axis perm[j]. */
export function permuteAxes(values: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const outShape = perm.map((p) => shape[p] as number);
  const inStrides = stridesOf(shape);
  const out = new Float32Array(values.length);
  const index = new Array<number>(outShape.length).fill(0);
  for (let flat = 0; flat < out.length; flat++) {
    let source = 0;
    for (let j = 0; j < perm.length; j++) source += (index[j] as number) * (inStrides[perm[j] as number] as number);
    out[flat] = values[source] as number;
    for (let j = outShape.length - 1; j >= 0; j--) {
      index[j] = (index[j] as number) + 1;
      if ((index[j] as number) < (outShape[j] as number)) break;
      index[j] = 0;
    }
  }
  return out;
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) strides[k] = (strides[k + 1] as number) * (shape[k + 1] as number);
  return strides;
}
