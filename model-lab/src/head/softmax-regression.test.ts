import { describe, expect, it } from "vitest";
import { predictSoftmaxHead, standardise, trainSoftmaxHead } from "./softmax-regression.js";

/** Three Gaussian-ish clusters laid out deterministically (no RNG), offset and scaled to test standardisation. */
function clusters(): { rows: Float32Array[]; labels: number[] } {
  const centres = [
    [0, 0],
    [4, 0],
    [0, 4],
  ];
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  for (const [k, [cx, cy]] of centres.entries()) {
    for (let i = 0; i < 40; i++) {
      const angle = (i * 2.399) % (2 * Math.PI);
      const r = 0.2 + ((i * 7) % 10) / 10;
      rows.push(
        Float32Array.from([1000 + 100 * ((cx as number) + r * Math.cos(angle)), (cy as number) + r * Math.sin(angle)]),
      );
      labels.push(k);
    }
  }
  return { rows, labels };
}

describe("softmax head", () => {
  it("separates separable classes and predicts probabilities that sum to 1", () => {
    const { rows, labels } = clusters();
    const head = trainSoftmaxHead(rows, labels, { classes: 3, iterations: 200, learningRate: 0.1 });
    let correct = 0;
    for (const [n, row] of rows.entries()) {
      const p = predictSoftmaxHead(head, row);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      if (p.indexOf(Math.max(...p)) === labels[n]) correct++;
    }
    expect(correct / rows.length).toBeGreaterThan(0.95);
  });

  it("is deterministic: the same data gives bit-identical weights", () => {
    const { rows, labels } = clusters();
    const a = trainSoftmaxHead(rows, labels, { classes: 3, iterations: 50 });
    const b = trainSoftmaxHead(rows, labels, { classes: 3, iterations: 50 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
  });

  it("class weights shift decisions towards a weighted class", () => {
    const { rows, labels } = clusters();
    const ambiguous = Float32Array.from([1000 + 200, 0]); // halfway between class 0 and 1
    const plain = predictSoftmaxHead(trainSoftmaxHead(rows, labels, { classes: 3, iterations: 150 }), ambiguous);
    const weighted = predictSoftmaxHead(
      trainSoftmaxHead(rows, labels, { classes: 3, iterations: 150, classWeights: [1, 5, 1] }),
      ambiguous,
    );
    expect(weighted[1]).toBeGreaterThan(plain[1] as number);
  });

  it("standardise gives zero mean and unit variance, and leaves constant features alone", () => {
    const rows = [Float32Array.from([1, 5]), Float32Array.from([3, 5])];
    const { mean, invStd } = standardise(rows, 2);
    expect(Array.from(mean)).toEqual([2, 5]);
    expect(invStd[0]).toBeCloseTo(1, 6);
    expect(invStd[1]).toBe(1);
  });
});
