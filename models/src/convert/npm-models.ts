import { BLAZEFACE_BACK, BLAZEFACE_FRONT } from "./blazeface-models.js";
import { EMOTION_MINIXCEPTION } from "./emotion-model.js";
import { FACEAPI_EXPRESSION } from "./faceapi-expression-model.js";
import type { NpmModelSpec } from "./npm-model-spec.js";

/** Every model `hailong models convert` can produce from installed npm packages. */
export const NPM_MODELS: readonly NpmModelSpec[] = [
  EMOTION_MINIXCEPTION,
  BLAZEFACE_FRONT,
  BLAZEFACE_BACK,
  FACEAPI_EXPRESSION,
];

export function findNpmModel(id: string): NpmModelSpec | undefined {
  return NPM_MODELS.find((m) => m.id === id);
}
