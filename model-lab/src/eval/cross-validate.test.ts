import { describe, expect, it } from "vitest";
import { assignFolds, crossValidatedScores, figures } from "./cross-validate.js";

describe("cross-validated dissatisfied detector", () => {
  it("never splits a person across folds", () => {
    const rows = ["a", "b", "a", "c", "b", "d", "e", "f"].map((person) => ({ person }));
    const folds = assignFolds(rows, 5);
    expect(folds[0]).toBe(folds[2]);
    expect(folds[1]).toBe(folds[4]);
    expect(new Set(folds).size).toBe(5);
  });

  it("scores a held-out person from a feature that separates the classes, and ignores a useless one", () => {
    const rows = Array.from({ length: 60 }, (_, k) => ({
      person: `p${k % 6}`,
      dissatisfied: k % 3 === 0,
      features: Float32Array.of(k % 3 === 0 ? 1 + (k % 5) / 10 : -1 - (k % 7) / 10, Math.sin(k)),
    }));
    const folds = assignFolds(rows);
    const positive = rows.map((r) => r.dissatisfied);
    expect(figures(crossValidatedScores(rows, [0], folds), positive).rocAuc).toBe(1);
    expect(figures(crossValidatedScores(rows, [1], folds), positive).rocAuc).toBeLessThan(0.8);
    // 12 small regressions: milliseconds alone, seconds on the shared 2-core box.
  }, 30_000);
});
