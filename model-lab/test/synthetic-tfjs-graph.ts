/** Builds small TF.js graph models (model.json + weight bytes) by hand, for converter tests against TF.js. */

export const b64 = (s: string) => Buffer.from(s).toString("base64");
export const ints = (...v: number[]) => ({ list: { i: v.map(String) } });
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: "float32" | "int32";
  quantization?: { dtype: "uint8"; scale: number; min: number };
}

export function createSyntheticGraph(seed = 42) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  const nodes: Array<Record<string, unknown>> = [];
  const specs: WeightSpec[] = [];
  const chunks: Buffer[] = [];
  const constNode = (name: string, shape: number[], tfType: string) =>
    nodes.push({
      name,
      op: "Const",
      attr: { value: { tensor: { dtype: tfType, tensorShape: dims(shape) } }, dtype: { type: tfType } },
    });
  const constant = (name: string, shape: number[], values: number[], dtype: "float32" | "int32" = "float32") => {
    constNode(name, shape, dtype === "float32" ? "DT_FLOAT" : "DT_INT32");
    specs.push({ name, shape, dtype });
    const buf = Buffer.alloc(values.length * 4);
    for (const [k, v] of values.entries()) {
      if (dtype === "float32") buf.writeFloatLE(v, k * 4);
      else buf.writeInt32LE(v, k * 4);
    }
    chunks.push(buf);
    return name;
  };
  const quantized = (name: string, shape: number[]) => {
    const count = shape.reduce((a, b) => a * b, 1);
    constNode(name, shape, "DT_FLOAT");
    specs.push({ name, shape, dtype: "float32", quantization: { dtype: "uint8", scale: 0.004, min: -0.5 } });
    chunks.push(Buffer.from(Array.from({ length: count }, () => Math.floor((random() + 0.5) * 256))));
    return name;
  };
  const randomConst = (name: string, shape: number[]) =>
    constant(name, shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, random));
  const op = (name: string, type: string, input: string[], attr: Record<string, unknown> = {}) => {
    nodes.push({ name, op: type, input, attr: { T: { type: "DT_FLOAT" }, ...attr } });
    return name;
  };
  const placeholder = (name: string, shape: number[]) => {
    nodes.push({ name, op: "Placeholder", attr: { dtype: { type: "DT_FLOAT" }, shape: { shape: dims(shape) } } });
    return name;
  };
  const finish = () => ({
    modelJson: {
      format: "graph-model",
      generatedBy: "hailong test",
      convertedBy: "hand",
      modelTopology: { node: nodes, library: {}, versions: { producer: 440 } },
      weightsManifest: [{ paths: ["synthetic.bin"], weights: specs }],
    },
    weightData: new Uint8Array(Buffer.concat(chunks)),
  });
  return { constant, quantized, randomConst, op, placeholder, finish };
}
