import { describe, expect, it } from "vitest";
import { buildHeatmapGrid, scoreColour, visibleHours } from "./heatmap-scale.js";

describe("heatmap scale", () => {
  it("runs from red at 0 to green at 100 and greys out empty cells", () => {
    expect(scoreColour(0)).toBe("hsl(0 70% 82%)");
    expect(scoreColour(100)).toBe("hsl(130 70% 82%)");
    expect(scoreColour(150)).toBe(scoreColour(100));
    expect(scoreColour(null)).toBe("#eef0f2");
  });

  it("places cells by weekday and hour and widens the hours to where visits happened", () => {
    const grid = buildHeatmapGrid([
      { weekday: 0, hour: 6, visits: 3, score: 80 },
      { weekday: 6, hour: 19, visits: 5, score: 20 },
    ]);
    expect(grid.rows[0]?.[6]).toEqual({ visits: 3, score: 80 });
    expect(grid.rows[6]?.[19]).toEqual({ visits: 5, score: 20 });
    expect(grid.maxVisits).toBe(5);
    const hours = visibleHours(grid);
    expect([hours[0], hours.at(-1)]).toEqual([6, 19]);
    expect(visibleHours(buildHeatmapGrid([]))).toHaveLength(11);
  });
});
