import { describe, expect, it } from "vitest";
import { fieldNamer } from "./field-names.js";

describe("field names", () => {
  const counter = (id: string, field: string, departmentId: string | null) => ({
    id,
    centreId: "c",
    departmentId,
    name: id,
    field,
    agentId: null,
  });
  it("names a field after its department and never returns the slug", () => {
    const name = fieldNamer(
      {
        departments: [{ id: "d1", centreId: "c", name: "Bộ phận Đất đai" }],
        counters: [counter("a", "dat-dai", null), counter("b", "dat-dai", "d1"), counter("c", "ho-tich", null)],
      },
      "Lĩnh vực khác",
    );
    expect(name("dat-dai")).toBe("Bộ phận Đất đai");
    expect(name("ho-tich")).toBe("Lĩnh vực khác");
  });
});
