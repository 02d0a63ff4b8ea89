import { describe, expect, it } from "vitest";
import { markdownToHtml } from "./markdown.js";

describe("markdown subset of the install guide", () => {
  it("renders headings, lists with continuation lines, tables and inline marks", () => {
    const html = markdownToHtml(
      [
        "# Hướng dẫn",
        "",
        "Gắn camera **cao 1,6 m**, xem [biển](#/notice-sign).",
        "",
        "1. Bước một",
        "   còn tiếp",
        "2. Bước hai",
        "",
        "| a | b |",
        "|---|---|",
        "| `x` | *y* |",
      ].join("\n"),
    );
    expect(html).toContain("<h1>Hướng dẫn</h1>");
    expect(html).toContain('<p>Gắn camera <strong>cao 1,6 m</strong>, xem <a href="#/notice-sign">biển</a>.</p>');
    expect(html).toContain("<ol><li>Bước một còn tiếp</li><li>Bước hai</li></ol>");
    expect(html).toContain("<tbody><tr><td><code>x</code></td><td><em>y</em></td></tr></tbody>");
  });

  it("escapes HTML in the text and drops links to script URLs", () => {
    const html = markdownToHtml("<script>alert(1)</script> [x](javascript:alert(1))");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("javascript:");
  });
});
