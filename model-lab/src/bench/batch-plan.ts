import { HailongError } from "@hailong/common";

/** How a requested batch size is run on a model whose ONNX batch dimension may be static. */
export interface BatchPlan {
  /** images per timed sample */
  batch: number;
  /** batch dimension of the tensor passed to each call */
  tensorBatch: number;
  /** sequential calls per timed sample */
  callsPerSample: number;
  /** table label, e.g. "8" or "8×1 (static batch)" */
  label: string;
}

/** A dynamic (string) batch dimension takes the batch in one call; a static one needs batch / dim sequential calls. */
export function planBatch(batchDim: number | string | undefined, batch: number): BatchPlan {
  if (!Number.isInteger(batch) || batch < 1) {
    throw new HailongError("HAILONG_ERR_USAGE", `batch must be a positive integer, got ${batch}`);
  }
  if (typeof batchDim !== "number" || batchDim === batch) {
    return { batch, tensorBatch: batch, callsPerSample: 1, label: String(batch) };
  }
  if (batch % batchDim !== 0) {
    throw new HailongError(
      "HAILONG_ERR_USAGE",
      `batch ${batch} is not a multiple of the model's static batch ${batchDim}`,
    );
  }
  const calls = batch / batchDim;
  return { batch, tensorBatch: batchDim, callsPerSample: calls, label: `${calls}×${batchDim} (static batch)` };
}
