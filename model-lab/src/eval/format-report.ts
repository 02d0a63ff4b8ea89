import type { EvalReport } from "./run-eval.js";

const pct = (v: number | null): string => (v === null ? "   -  " : `${(v * 100).toFixed(1).padStart(5)}%`);

/** Human-readable eval report (the --json form is the EvalReport object itself). */
export function formatEvalReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    `data ${report.data}${report.include ? ` (include ${report.include})` : ""}; ${report.cropped ? "pre-cropped faces" : `${report.onFrame ? "faces placed on a 640×480 frame, " : ""}detector ${report.detector}`}; expression ${report.expression.join("+")}${report.flipTta ? " + flip TTA" : ""}`,
  );
  lines.push(
    `n ${report.n}  accuracy ${pct(report.accuracy)} (${report.correct}/${report.n})  macro F1 ${report.macroF1 === null ? "-" : report.macroF1.toFixed(3)}  no face ${report.noFace}  ${report.msPerImage.toFixed(1)} ms/image`,
  );
  lines.push("", "class      n    precision  recall");
  for (const [label, m] of Object.entries(report.perClass)) {
    lines.push(`${label.padEnd(9)}${String(m.n).padStart(5)}  ${pct(m.precision)}    ${pct(m.recall)}`);
  }
  const { labels, columns, matrix } = report.confusion;
  lines.push("", `confusion (rows = truth)  ${columns.map((c) => c.slice(0, 5).padStart(6)).join("")}`);
  labels.forEach((label, i) => {
    lines.push(`${label.padEnd(26)}${(matrix[i] ?? []).map((v) => String(v).padStart(6)).join("")}`);
  });
  const d = report.dissatisfied;
  lines.push(
    "",
    `dissatisfied (angry|disgust|contempt) at ≥ ${d.threshold}: precision ${pct(d.precision)}  recall ${pct(d.recall)}  F1 ${d.f1 === null ? "-" : d.f1.toFixed(3)}  ROC AUC ${d.rocAuc === null ? "-" : d.rocAuc.toFixed(3)}  (${d.positives} positive / ${d.negatives} negative)`,
  );
  const op = report.dissatisfiedAtPrecision90;
  lines.push(
    `dissatisfied recall at precision ≥ ${op.minPrecision.toFixed(2)}: ${pct(op.recall)}${op.threshold === null ? "  (no threshold reaches that precision)" : `  at threshold ${op.threshold.toFixed(3)} (precision ${pct(op.precision)})`}`,
  );
  return lines.join("\n");
}
