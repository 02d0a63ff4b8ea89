import { mkdir, mkdtemp, readdir, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ExpressionLabelSchema } from "@hailong/models";

/**
 * Builds a label tree from CK+ sequences (`<sequences>/<label>/<seq>/*.png`): each sequence's first frame
 * goes to neutral/, its last (apex) frame to <label>/. Symlinks in a fresh temp folder, never copies.
 */
export async function buildCkplusTree(sequences: string, outDir?: string): Promise<{ dir: string; count: number }> {
  const sequencesDir = path.resolve(sequences);
  const dir = outDir ?? (await mkdtemp(path.join(os.tmpdir(), "hailong-ckplus-")));
  let count = 0;
  for (const label of (await readdir(sequencesDir)).sort()) {
    if (!ExpressionLabelSchema.safeParse(label).success) continue;
    for (const seq of (await readdir(path.join(sequencesDir, label))).sort()) {
      const frames = (await readdir(path.join(sequencesDir, label, seq))).filter((f) => f.endsWith(".png")).sort();
      const first = frames[0];
      const last = frames[frames.length - 1];
      if (!first || !last || first === last) continue;
      for (const [target, frame, tag] of [
        ["neutral", first, "first"],
        [label, last, "last"],
      ] as const) {
        await mkdir(path.join(dir, target), { recursive: true });
        await symlink(path.join(sequencesDir, label, seq, frame), path.join(dir, target, `ckplus-${seq}-${tag}.png`));
        count++;
      }
    }
  }
  return { dir, count };
}
