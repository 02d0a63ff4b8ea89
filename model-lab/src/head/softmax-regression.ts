/**
 * Multinomial logistic regression ("softmax head") over standardised features, trained full-batch
 * with Adam. Pure and deterministic: same inputs, same weights, bit for bit (no randomness, fixed order).
 */
export interface SoftmaxHead {
  /** Feature count D and class count K. */
  dims: number;
  classes: number;
  mean: Float32Array;
  /** 1 / standard deviation per feature (0-variance features get 1). */
  invStd: Float32Array;
  /** Row-major D×K. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface TrainOptions {
  classes: number;
  /** L2 penalty on weights (not bias). */
  l2?: number;
  iterations?: number;
  /** Adam's peak step size, annealed to 0 along a half cosine over the iterations. */
  learningRate?: number;
  /** Per-class loss weight, e.g. to lift rare classes such as disgust. */
  classWeights?: readonly number[];
  /** Called every 25 iterations with the training loss. */
  onProgress?: (iteration: number, loss: number) => void;
}

export function standardise(rows: readonly Float32Array[], dims: number): { mean: Float32Array; invStd: Float32Array } {
  const mean = new Float64Array(dims);
  const sq = new Float64Array(dims);
  for (const row of rows) for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) + (row[d] as number);
  for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) / rows.length;
  for (const row of rows) {
    for (let d = 0; d < dims; d++) {
      const diff = (row[d] as number) - (mean[d] as number);
      sq[d] = (sq[d] as number) + diff * diff;
    }
  }
  const invStd = new Float32Array(dims);
  for (let d = 0; d < dims; d++) {
    const std = Math.sqrt((sq[d] as number) / rows.length);
    invStd[d] = std > 1e-8 ? 1 / std : 1;
  }
  return { mean: Float32Array.from(mean), invStd };
}

export function trainSoftmaxHead(
  rows: readonly Float32Array[],
  labels: readonly number[],
  options: TrainOptions,
): SoftmaxHead {
  if (rows.length === 0 || rows.length !== labels.length) throw new Error("trainSoftmaxHead needs one label per row");
  const dims = (rows[0] as Float32Array).length;
  const K = options.classes;
  const { mean, invStd } = standardise(rows, dims);
  const x = rows.map((row) => row.map((v, d) => (v - (mean[d] as number)) * (invStd[d] as number)));
  const classWeights = options.classWeights ?? new Array<number>(K).fill(1);
  const totalWeight = labels.reduce((s, y) => s + (classWeights[y] ?? 1), 0);
  const l2 = options.l2 ?? 1e-3;
  const lr = options.learningRate ?? 0.05;
  const iterations = options.iterations ?? 300;

  const w = new Float64Array(dims * K);
  const b = new Float64Array(K);
  const adam = createAdam(w.length + K);
  const logits = new Float64Array(K);
  for (let it = 1; it <= iterations; it++) {
    const gw = new Float64Array(dims * K);
    const gb = new Float64Array(K);
    let loss = 0;
    for (let n = 0; n < x.length; n++) {
      const row = x[n] as Float32Array;
      const y = labels[n] as number;
      const sampleWeight = (classWeights[y] ?? 1) / totalWeight;
      forward(row, w, b, dims, K, logits);
      const p = softmaxInPlace(logits);
      loss -= sampleWeight * Math.log(Math.max(p[y] as number, 1e-12));
      for (let k = 0; k < K; k++) {
        const g = sampleWeight * ((p[k] as number) - (k === y ? 1 : 0));
        gb[k] = (gb[k] as number) + g;
        for (let d = 0; d < dims; d++) gw[d * K + k] = (gw[d * K + k] as number) + g * (row[d] as number);
      }
    }
    for (let i = 0; i < w.length; i++) {
      gw[i] = (gw[i] as number) + l2 * (w[i] as number);
      loss += 0.5 * l2 * (w[i] as number) ** 2;
    }
    // Annealing matters: at a constant step full-batch Adam keeps bouncing around the optimum, and with
    // ~800 correlated features (MobileFaceNet + face-api) the final weights lost 5–7 points of validation
    // accuracy against the annealed run.
    const step = lr * 0.5 * (1 + Math.cos((Math.PI * it) / iterations));
    adam.step(w, gw, 0, step, it);
    adam.step(b, gb, w.length, step, it);
    if (it % 25 === 0) options.onProgress?.(it, loss);
  }
  return { dims, classes: K, mean, invStd, weights: Float32Array.from(w), bias: Float32Array.from(b) };
}

/** Class probabilities for one raw (unstandardised) feature row. */
export function predictSoftmaxHead(head: SoftmaxHead, row: ArrayLike<number>): Float64Array {
  const z = new Float64Array(head.dims);
  for (let d = 0; d < head.dims; d++)
    z[d] = ((row[d] as number) - (head.mean[d] as number)) * (head.invStd[d] as number);
  const logits = new Float64Array(head.classes);
  forward(z, head.weights, head.bias, head.dims, head.classes, logits);
  return softmaxInPlace(logits);
}

function forward(
  row: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  dims: number,
  K: number,
  out: Float64Array,
): void {
  for (let k = 0; k < K; k++) out[k] = b[k] as number;
  for (let d = 0; d < dims; d++) {
    const v = row[d] as number;
    if (v === 0) continue;
    const base = d * K;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + v * (w[base + k] as number);
  }
}

function softmaxInPlace(values: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp((values[i] as number) - max);
    sum += values[i] as number;
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / sum;
  return values;
}

function createAdam(size: number) {
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const beta1 = 0.9;
  const beta2 = 0.999;
  return {
    step(params: Float64Array, grads: Float64Array, offset: number, lr: number, t: number) {
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      for (let i = 0; i < params.length; i++) {
        const g = grads[i] as number;
        const j = offset + i;
        m[j] = beta1 * (m[j] as number) + (1 - beta1) * g;
        v[j] = beta2 * (v[j] as number) + (1 - beta2) * g * g;
        params[i] = (params[i] as number) - (lr * ((m[j] as number) / c1)) / (Math.sqrt((v[j] as number) / c2) + 1e-8);
      }
    },
  };
}
