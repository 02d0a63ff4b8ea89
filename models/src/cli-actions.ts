import { CONVERTED_MODEL_IDS, DOWNLOADABLE_MODELS } from "./registry/catalogue.js";
import { fetchModels } from "./registry/fetch-models.js";
import { defaultModelsDir } from "./registry/paths.js";
import { isInstalled } from "./registry/resolve-model.js";

/** Heavy parts of the models CLI, imported lazily by cli.ts so `hailong --help` stays fast. */
export async function listModels(): Promise<void> {
  for (const m of DOWNLOADABLE_MODELS) {
    const installed = await isInstalled(m.manifest.id);
    process.stdout.write(
      `${m.manifest.id.padEnd(24)} ${m.manifest.kind.padEnd(14)} download  ${installed ? "installed" : "missing (hailong models fetch)"}\n`,
    );
  }
  for (const id of CONVERTED_MODEL_IDS)
    process.stdout.write(`${id.padEnd(24)} ${"".padEnd(14)} npm       converted on first use\n`);
}

export async function fetchModelsCommand(ids: string[], mirror: string | undefined, modelsDir?: string): Promise<void> {
  const results = await fetchModels({ ids, modelsDir: modelsDir ?? defaultModelsDir(), ...(mirror ? { mirror } : {}) });
  for (const r of results) process.stdout.write(`${r.id}: ${r.from} -> ${r.path}\n`);
}
