import type { ExpressionLabel, ModelManifest } from "../manifest.js";
import type { TfjsOutputSpec } from "./convert-graph.js";

/** A TF.js graph model shipped in an npm package, and what the manifest of its ONNX twin says. */
export interface NpmModelSpec {
  id: string;
  kind: ModelManifest["kind"];
  /** npm package holding the model (its installed version goes into the manifest). */
  packageName: string;
  /** model.json path inside the package (or the weights manifest, for `architecture` models); shards sit next to it. */
  modelJson: string;
  /** Set for weight-only packages whose graph is rebuilt from code (see face-api-expression.ts). */
  architecture?: "face-api-expression";
  licence: string;
  outputs: readonly TfjsOutputSpec[];
  /** Input facts the graph does not carry (name, shape and layout come from the conversion). */
  input: Pick<ModelManifest["input"], "colorOrder" | "normalisation" | "alignment">;
  labels?: ExpressionLabel[];
  outputActivation?: ModelManifest["outputActivation"];
  note: string;
}
