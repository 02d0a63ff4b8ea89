import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HailongError } from "@hailong/common";

/** The training script; Python because training needs PyTorch (apt python3-torch), inference stays on onnxruntime. */
export const MODEL_LAB_SCRIPT = fileURLToPath(new URL("../../train_expression.py", import.meta.url));

/** Debian's interpreter: apt's python3-torch installs for it, not for a pyenv python3 earlier on PATH. */
export const LAB_PYTHON = process.env.HAILONG_LAB_PYTHON ?? "/usr/bin/python3";

/** Runs one model-lab step (train | export | check-determinism) with the given arguments; resolves on exit 0. */
export async function runModelLab(step: string, args: readonly string[]): Promise<void> {
  if (!existsSync(LAB_PYTHON)) {
    throw new HailongError(
      "HAILONG_ERR_USAGE",
      `${LAB_PYTHON} not found: install python3-torch python3-torchvision python3-onnx python3-opencv (apt) or set HAILONG_LAB_PYTHON`,
    );
  }
  const child = spawn(LAB_PYTHON, [MODEL_LAB_SCRIPT, step, ...args], { stdio: "inherit" });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) throw new HailongError("HAILONG_ERR_INTERNAL", `model-lab ${step} exited with code ${code}`);
}
