/**
 * Writes the agent's own YuNet 5-point landmarks for every image of a labelled folder as JSON
 * ({ "<label>/<file>": [[x, y] × 5] | null }), so training aligns faces exactly as the agent does.
 * Usage: npx tsx model-lab/scripts/dump-landmarks.ts <dir> <out.json>
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { listLabelledImages } from "@hailong/model-lab";
import { createFaceAnalyzer, decodeImage, largestFace } from "@hailong/models";

async function main(dir: string, out: string): Promise<void> {
  const analyzer = await createFaceAnalyzer({
    detector: "yunet-2023mar",
    expression: ["fer-mobilefacenet-int8"],
    flipTta: false,
    threads: 1,
  });
  const result: Record<string, number[][] | null> = {};
  try {
    for (const item of await listLabelledImages(dir)) {
      const face = largestFace(await analyzer.detect(await decodeImage(item.file)));
      result[path.relative(dir, item.file)] = face?.landmarks ? face.landmarks.map((p) => [p.x, p.y]) : null;
    }
  } finally {
    await analyzer.close();
  }
  await writeFile(out, JSON.stringify(result));
  const found = Object.values(result).filter((v) => v !== null).length;
  process.stdout.write(`${found}/${Object.keys(result).length} faces with landmarks -> ${out}\n`);
}

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error("usage: dump-landmarks.ts <labelled dir> <out.json>");
await main(dir, out);
