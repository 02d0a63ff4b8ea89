import { notYetAvailable } from "@hailong/common";
import type { Command } from "commander";

export function registerModelCommands(program: Command): void {
  const models = program.command("models").description("list, fetch and convert face-detection and expression models");
  models
    .command("list")
    .description("list known models and whether they are installed")
    .action(notYetAvailable("models list", 3));
  models
    .command("fetch")
    .description("download models that exist only as downloads (verifies sha256)")
    .action(notYetAvailable("models fetch", 3));
  models
    .command("convert")
    .description("convert the npm-shipped TFJS models to ONNX")
    .action(notYetAvailable("models convert", 3));
  program
    .command("eval")
    .description("evaluate detector + expression model accuracy on a labelled folder")
    .requiredOption("--data <dir>", "folder with one sub-folder per label")
    .action(notYetAvailable("eval", 3));
  const bench = program.command("bench").description("print speed figures (never asserted in tests)");
  bench
    .command("models")
    .description("median/p99 ms per inference per model")
    .action(notYetAvailable("bench models", 3));
}
