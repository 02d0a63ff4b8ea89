import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countedLevel, LEVELS, satisfactionRate, sharesOfVisits } from "./visit-levels.js";

describe("visit levels", () => {
  it("counts a visit with an incident as dissatisfied whatever its own level", () => {
    expect(countedLevel({ level: "very_satisfied", hadIncident: true })).toBe("dissatisfied");
    expect(countedLevel({ level: "satisfied", hadIncident: false })).toBe("satisfied");
  });

  it("gives shares of visits that sum to exactly 1 at 10⁻⁴ for any counts", () => {
    const count = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(fc.tuple(count, count, count, count), ([a, b, c, d]) => {
        const counts = { very_satisfied: a, satisfied: b, neutral: c, dissatisfied: d };
        const shares = sharesOfVisits(counts);
        const units = LEVELS.reduce((sum, level) => sum + Math.round(shares[level] * 10_000), 0);
        expect(units).toBe(a + b + c + d === 0 ? 0 : 10_000);
        for (const level of LEVELS) {
          if (a + b + c + d > 0) expect(Math.abs(shares[level] - counts[level] / (a + b + c + d))).toBeLessThan(1e-4);
        }
      }),
    );
  });

  it("reads tỷ lệ hài lòng as very satisfied plus satisfied over visits", () => {
    expect(satisfactionRate({ very_satisfied: 1, satisfied: 1, neutral: 1, dissatisfied: 0 })).toBe(66.7);
    expect(satisfactionRate({ very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 })).toBeNull();
  });
});
