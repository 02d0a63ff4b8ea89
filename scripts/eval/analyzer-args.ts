import { chooseDefaultModels, createFaceAnalyzer, type LoadedFaceAnalyzer } from "@hailong/models";

/** The options of the measurements that run the agent's analyser: `--shared DIR --detector ID --model ID...`. */
export const ANALYZER_ARGS = {
  shared: { type: "string", default: process.env.HAILONG_SHARED_DIR ?? "../shared" },
  detector: { type: "string" },
  model: { type: "string", multiple: true },
} as const;

/** The agent's default detector and expression models unless `--detector`/`--model` name others; one thread, no flip. */
export async function openAnalyzer(values: { detector?: string; model?: string[] }): Promise<LoadedFaceAnalyzer> {
  const defaults = await chooseDefaultModels();
  return createFaceAnalyzer({
    detector: values.detector ?? defaults.detector,
    expression: values.model ?? defaults.expression,
    flipTta: false,
    threads: 1,
  });
}
