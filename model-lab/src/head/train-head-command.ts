import { createLogger } from "@hailong/common";
import { defaultModelsDir, headsDir } from "@hailong/models/toolkit";
import { trainHead } from "./train-head.js";

export async function trainHeadCommand(options: {
  data: string;
  model: string[];
  perClass: string;
  flip?: boolean;
  out?: string;
}) {
  const log = createLogger({ name: "train-head" });
  const manifest = await trainHead({
    data: options.data,
    models: options.model,
    outDir: options.out ?? headsDir(defaultModelsDir()),
    perClass: Number(options.perClass),
    flip: options.flip ?? false,
    log,
  });
  process.stdout.write(
    `${manifest.id} sha256=${manifest.sha256} validationAccuracy=${manifest.training.validationAccuracy.toFixed(4)}\n`,
  );
}
