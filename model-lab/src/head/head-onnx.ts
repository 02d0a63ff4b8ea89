import { encodeOnnxModel, OnnxDataType } from "@hailong/models/toolkit";
import type { SoftmaxHead } from "./softmax-regression.js";

function floatBytes(values: Float32Array): Uint8Array {
  // Float32Array is little-endian on every platform Node runs on here (x64/arm64), as ONNX raw_data wants.
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

/** The head as a standalone ONNX graph: features [N, D] → softmax probabilities [N, K]. Deterministic bytes. */
export function headToOnnx(head: SoftmaxHead, docString: string): Uint8Array {
  return encodeOnnxModel({
    graphName: "hailong_softmax_head",
    producerName: "hailong",
    producerVersion: "1",
    docString,
    opsetVersion: 13,
    inputs: [{ name: "features", elemType: OnnxDataType.FLOAT, shape: ["batch", head.dims] }],
    outputs: [{ name: "probabilities", elemType: OnnxDataType.FLOAT, shape: ["batch", head.classes] }],
    initializers: [
      { name: "mean", dataType: OnnxDataType.FLOAT, dims: [head.dims], rawData: floatBytes(head.mean) },
      { name: "inv_std", dataType: OnnxDataType.FLOAT, dims: [head.dims], rawData: floatBytes(head.invStd) },
      {
        name: "weights",
        dataType: OnnxDataType.FLOAT,
        dims: [head.dims, head.classes],
        rawData: floatBytes(head.weights),
      },
      { name: "bias", dataType: OnnxDataType.FLOAT, dims: [head.classes], rawData: floatBytes(head.bias) },
    ],
    nodes: [
      { opType: "Sub", name: "centre", inputs: ["features", "mean"], outputs: ["centred"] },
      { opType: "Mul", name: "scale", inputs: ["centred", "inv_std"], outputs: ["standardised"] },
      { opType: "MatMul", name: "project", inputs: ["standardised", "weights"], outputs: ["projected"] },
      { opType: "Add", name: "offset", inputs: ["projected", "bias"], outputs: ["logits"] },
      { opType: "Softmax", name: "softmax", inputs: ["logits"], outputs: ["probabilities"], attributes: { axis: -1 } },
    ],
    metadata: {},
  });
}
