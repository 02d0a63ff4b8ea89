import protobuf from "protobufjs";

/**
 * Returns ONNX model bytes with an intermediate tensor added as a graph output, without re-encoding the
 * model: protobuf merges a repeated embedded message field appended at the end (ModelProto.graph = 7,
 * GraphProto.output = 12), so the original bytes stay untouched and nothing the writer does not know is lost.
 */
export function withExtraGraphOutput(model: Uint8Array, tensorName: string): Uint8Array {
  const type = protobuf.Root.fromJSON({
    nested: {
      ModelProto: { fields: { graph: { type: "GraphProto", id: 7 } } },
      GraphProto: { fields: { output: { rule: "repeated", type: "ValueInfoProto", id: 12 } } },
      ValueInfoProto: { fields: { name: { type: "string", id: 1 }, type: { type: "TypeProto", id: 2 } } },
      TypeProto: { fields: { tensorType: { type: "TensorTypeProto", id: 1 } } },
      TensorTypeProto: { fields: { elemType: { type: "int32", id: 1 } } },
    },
  }).lookupType("ModelProto");
  const FLOAT = 1;
  const extra = type
    .encode({ graph: { output: [{ name: tensorName, type: { tensorType: { elemType: FLOAT } } }] } })
    .finish();
  const out = new Uint8Array(model.byteLength + extra.byteLength);
  out.set(model, 0);
  out.set(extra, model.byteLength);
  return out;
}
