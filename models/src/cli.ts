import type { Command } from "commander";

/** Adds `hailong models list|fetch`; the model lab (@hailong/model-lab) adds its commands to the same group. */
export function registerModelCommands(program: Command): void {
  const models = program.command("models").description("list, fetch and convert face-detection and expression models");
  models
    .command("list")
    .description("list known models and whether they are installed")
    .action(async () => {
      const { listModels } = await import("./cli-actions.js");
      await listModels();
    });
  models
    .command("fetch")
    .description("download models that exist only as downloads (verifies sha256)")
    .argument("[ids...]", "model ids (default: all downloadable models)")
    .option(
      "--mirror <dir>",
      "read upstream-named files from this folder instead of the network (env HAILONG_MODELS_MIRROR)",
    )
    .option("--models-dir <dir>", "install into <dir>/downloaded instead of the models package folder")
    .action(async (ids: string[], options: { mirror?: string; modelsDir?: string }) => {
      const { fetchModelsCommand } = await import("./cli-actions.js");
      await fetchModelsCommand(ids, options.mirror ?? process.env.HAILONG_MODELS_MIRROR, options.modelsDir);
    });
}
