import { createHash } from "node:crypto";
import type { ModelManifest } from "../manifest.js";
import type { NpmModelSpec } from "./npm-model-spec.js";

/** Bump when the converter's output changes for the same input, so cached conversions are redone. */
export const CONVERTER_VERSION = "2";

/** Fingerprint of everything that shapes the output besides the weights: a changed spec or converter re-converts. */
export function converterBuildTag(spec: NpmModelSpec): string {
  const digest = createHash("sha256").update(JSON.stringify(spec)).update(CONVERTER_VERSION).digest("hex");
  return `converter v${CONVERTER_VERSION}, build ${digest.slice(0, 12)}`;
}

/** True when a generated model's manifest was written by this converter for this spec (its note ends in the tag). */
export function isCurrentConversion(manifest: ModelManifest, spec: NpmModelSpec): boolean {
  return manifest.source.note?.endsWith(`(${converterBuildTag(spec)})`) ?? false;
}
