import { z } from "zod";

/** The parts of a TF.js graph-model JSON (model.json) the converter reads. */
const AttrValueSchema = z
  .object({
    s: z.string().optional(),
    i: z.union([z.string(), z.number()]).optional(),
    f: z.number().optional(),
    b: z.boolean().optional(),
    type: z.string().optional(),
    list: z
      .object({
        s: z.array(z.string()).optional(),
        i: z.array(z.union([z.string(), z.number()])).optional(),
        f: z.array(z.number()).optional(),
      })
      .optional(),
    shape: z.unknown().optional(),
    tensor: z.unknown().optional(),
  })
  .loose();
export type TfAttrValue = z.infer<typeof AttrValueSchema>;

export const TfNodeSchema = z.object({
  name: z.string(),
  op: z.string(),
  input: z.array(z.string()).optional(),
  attr: z.record(z.string(), AttrValueSchema).optional(),
});
export type TfNode = z.infer<typeof TfNodeSchema>;

export const WeightEntrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  dtype: z.enum(["float32", "int32", "bool"]),
  quantization: z
    .object({
      dtype: z.enum(["uint8", "uint16", "float16"]),
      scale: z.number().optional(),
      min: z.number().optional(),
      original_dtype: z.string().optional(),
    })
    .optional(),
});
export type WeightEntry = z.infer<typeof WeightEntrySchema>;

export const WeightsManifestSchema = z.array(
  z.object({ paths: z.array(z.string()), weights: z.array(WeightEntrySchema) }),
);

export const TfjsGraphModelJsonSchema = z
  .object({
    format: z.literal("graph-model"),
    modelTopology: z.object({ node: z.array(TfNodeSchema) }).loose(),
    weightsManifest: WeightsManifestSchema,
    signature: z.unknown().optional(),
    userDefinedMetadata: z.unknown().optional(),
  })
  .loose();
export type TfjsGraphModelJson = z.infer<typeof TfjsGraphModelJsonSchema>;

export interface TfConstant {
  dtype: "float32" | "int32";
  shape: number[];
  values: Float32Array | Int32Array;
}

const QUANTIZED_BYTES = { uint8: 1, uint16: 2, float16: 2 } as const;
const PLAIN_BYTES = { float32: 4, int32: 4, bool: 1 } as const;

/**
 * Splits the concatenated weight shards into named constants, undoing TF.js weight quantization
 * (uint8/uint16: q·scale + min; float16: IEEE half).
 */
export function decodeWeights(
  manifest: TfjsGraphModelJson["weightsManifest"],
  weightBytes: Uint8Array,
): Map<string, TfConstant> {
  const view = new DataView(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  const out = new Map<string, TfConstant>();
  let offset = 0;
  for (const entry of manifest.flatMap((group) => group.weights)) {
    const count = entry.shape.reduce((a, b) => a * b, 1);
    const q = entry.quantization;
    const bytesPer = q ? QUANTIZED_BYTES[q.dtype] : PLAIN_BYTES[entry.dtype];
    if (offset + count * bytesPer > weightBytes.byteLength) {
      throw new Error(`weight ${entry.name} runs past the end of the weight data (${weightBytes.byteLength} bytes)`);
    }
    const asInt = entry.dtype !== "float32";
    const values = asInt ? new Int32Array(count) : new Float32Array(count);
    for (let k = 0; k < count; k++) {
      const at = offset + k * bytesPer;
      let v: number;
      if (!q) {
        if (entry.dtype === "float32") v = view.getFloat32(at, true);
        else if (entry.dtype === "int32") v = view.getInt32(at, true);
        else v = view.getUint8(at);
      } else if (q.dtype === "float16") {
        v = halfToFloat(view.getUint16(at, true));
      } else {
        const raw = q.dtype === "uint8" ? view.getUint8(at) : view.getUint16(at, true);
        v = raw * (q.scale ?? 1) + (q.min ?? 0);
      }
      values[k] = asInt ? Math.round(v) : v;
    }
    out.set(entry.name, { dtype: asInt ? "int32" : "float32", shape: entry.shape, values });
    offset += count * bytesPer;
  }
  if (offset !== weightBytes.byteLength) {
    throw new Error(`weight manifest describes ${offset} bytes but ${weightBytes.byteLength} were given`);
  }
  return out;
}

/** IEEE 754 binary16 → number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

export function attrString(node: TfNode, key: string): string | undefined {
  const s = node.attr?.[key]?.s;
  return s === undefined ? undefined : Buffer.from(s, "base64").toString("utf8");
}

export function attrInts(node: TfNode, key: string): number[] | undefined {
  return node.attr?.[key]?.list?.i?.map(Number);
}

export function attrInt(node: TfNode, key: string): number | undefined {
  const i = node.attr?.[key]?.i;
  return i === undefined ? undefined : Number(i);
}

export function attrFloat(node: TfNode, key: string): number | undefined {
  return node.attr?.[key]?.f;
}

export function attrBool(node: TfNode, key: string): boolean | undefined {
  return node.attr?.[key]?.b;
}

export function attrStrings(node: TfNode, key: string): string[] {
  return (node.attr?.[key]?.list?.s ?? []).map((s) => Buffer.from(s, "base64").toString("utf8"));
}

/** Placeholder shape dims (−1 for unknown). */
export function placeholderShape(node: TfNode): number[] {
  const shape = node.attr?.shape?.shape as { dim?: Array<{ size?: string | number }> } | undefined;
  return (shape?.dim ?? []).map((d) => Number(d.size ?? -1));
}
