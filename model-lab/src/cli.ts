import type { Command } from "commander";

interface EvalCliOptions {
  data: string;
  cropped?: boolean;
  onFrame?: boolean;
  model?: string[];
  detector?: string;
  include?: string;
  json?: boolean;
  flip?: boolean;
  threshold?: string;
  threads?: string;
}

interface PrepVideoCliOptions {
  video: string;
  segments: string;
  fps: string;
  margin: string;
}

/** Adds the lab's commands: `hailong models convert|train-head|train|prep-ckplus|prep-video`, `eval`, `bench models`
 * (to the `models` and `bench` groups other packages create, or new ones). */
export function registerModelLabCommands(program: Command): void {
  const models =
    program.commands.find((c) => c.name() === "models") ??
    program.command("models").description("list, fetch and convert face-detection and expression models");
  registerConvertAndTrain(models);
  registerDatasetPrep(models);
  registerEval(program);
  registerModelsBench(program);
}

/** `models convert`, `models train-head`, `models train`. */
function registerConvertAndTrain(models: Command): void {
  models
    .command("convert")
    .description("convert the npm-shipped TFJS models to ONNX")
    .option("--out <dir>", "output folder (default models/generated)")
    .argument("[ids...]", "model ids (default: all convertible models)")
    .action(async (ids: string[], opts: { out?: string }) => {
      const { runConvertCommand } = await import("./convert/convert-command.js");
      await runConvertCommand({ outDir: opts.out, ids });
    });
  models
    .command("train-head")
    .description("fit a softmax head over expression models' features on a labelled folder (FER2013 training split)")
    .requiredOption(
      "--data <dir>",
      "folder with one sub-folder per FER2013 label (e.g. the extracted fer2013-train.tar)",
    )
    .option("--model <id...>", "member expression models whose features feed the head", ["fer-mobilefacenet-int8"])
    .option("--per-class <n>", "deterministic cap of images per class", "1500")
    .option("--flip", "average features over the face and its mirror image")
    .option("--out <dir>", "output folder (default models/heads)")
    .action(async (options: { data: string; model: string[]; perClass: string; flip?: boolean; out?: string }) => {
      const { trainHeadCommand } = await import("./head/train-head-command.js");
      await trainHeadCommand(options);
    });
  models
    .command("train")
    .description(
      "model lab (PyTorch on CPU, docs/model-lab.md): fine-tune an expression network, export ONNX + manifest + record, or check the training step is deterministic",
    )
    .argument("<step>", "train | export | check-determinism")
    .argument(
      "[args...]",
      "arguments for model-lab/train_expression.py (put them after --), e.g. -- --run-dir DIR --resume",
    )
    .action(async (step: string, args: string[]) => {
      const { runModelLab } = await import("./lab/run-model-lab.js");
      await runModelLab(step, args);
    });
}

/** `models prep-ckplus`, `models prep-video`: label trees for `hailong eval`. */
function registerDatasetPrep(models: Command): void {
  models
    .command("prep-ckplus")
    .description(
      "build a temporary label tree (symlinks) of CK+ first (neutral) and last (apex) frames; prints its path",
    )
    .requiredOption("--sequences <dir>", "the ckplus_sequences folder (<label>/<seq>/*.png)")
    .action(async (options: { sequences: string }) => {
      const { buildCkplusTree } = await import("./eval/ckplus-tree.js");
      const { dir } = await buildCkplusTree(options.sequences);
      process.stdout.write(`${dir}\n`);
    });
  models
    .command("prep-video")
    .description(
      "build a temporary label tree of a video's frames inside its labelled segments (ffmpeg); prints its path",
    )
    .requiredOption("--video <file>", "the video")
    .requiredOption("--segments <csv>", "start_s,end_s,label rows (header first)")
    .option("--fps <n>", "frames sampled per second", "24")
    .option("--margin <s>", "seconds left out at both ends of each segment", "0.25")
    .action(async (options: PrepVideoCliOptions) => {
      const { prepVideoCommand } = await import("./cli-actions.js");
      await prepVideoCommand(options);
    });
}

function registerEval(program: Command): void {
  program
    .command("eval")
    .description("evaluate detector + expression model accuracy on a labelled folder")
    .requiredOption("--data <dir>", "folder with one sub-folder per label")
    .option("--cropped", "images are already face crops: classify the whole image, no detector")
    .option(
      "--on-frame",
      "place each image (upscaled to 240 px) on a 640×480 grey frame, then detect: small crops such as FER2013's through the detector's own framing",
    )
    .option("--model <id...>", "expression model id(s); several are ensembled")
    .option("--detector <id>", "face detector id")
    .option("--include <glob>", "only files whose name matches, e.g. 'fer2013-*'")
    .option("--flip", "flip test-time augmentation (average with the mirrored face)")
    .option("--threshold <p>", "dissatisfied threshold (default: the agent's DEFAULT_DISSATISFIED_THRESHOLD)")
    .option("--threads <n>", "intra-op threads per model", "1")
    .option("--json", "print one JSON object on stdout (logs go to stderr)")
    .action(async (options: EvalCliOptions) => {
      const { evalCommand } = await import("./cli-actions.js");
      await evalCommand(options);
    });
}

function registerModelsBench(program: Command): void {
  const bench =
    program.commands.find((c) => c.name() === "bench") ??
    program.command("bench").description("print speed figures (never asserted in tests)");
  bench
    .command("models")
    .description(
      "median/p99 ms per inference per model × threads × batch, with @vladmandic/human (tfjs wasm) for comparison",
    )
    .argument("[ids...]", "model ids (default: the converted npm models plus installed downloads)")
    .option("--iterations <n>", "timed samples per row", "30")
    .option("--threads <list>", "onnxruntime intra-op thread counts, comma-separated", "1,2")
    .option("--batch <list>", "batch sizes, comma-separated (static-batch models run N sequential calls)", "1,8")
    .option("--no-human", "skip the @vladmandic/human tfjs-wasm comparison")
    .option("--json", "print one JSON object instead of the table")
    .action(
      async (
        ids: string[],
        options: { iterations: string; threads: string; batch: string; human: boolean; json?: boolean },
      ) => {
        const { benchCommand } = await import("./cli-actions.js");
        await benchCommand(ids, options);
      },
    );
}

export type { EvalCliOptions, PrepVideoCliOptions };
