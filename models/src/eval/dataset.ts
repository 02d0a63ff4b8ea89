import { readdir } from "node:fs/promises";
import path from "node:path";
import { EXPRESSION_LABELS, type ExpressionLabel } from "../manifest.js";

export interface LabelledImage {
  file: string;
  label: ExpressionLabel;
}

const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png"]);

/** Turns a file-name glob (`*`, `?`) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/** Lists `<dir>/<label>/*.{jpg,png}` for every known label folder, optionally filtered by a file-name glob. */
export async function listLabelledImages(dir: string, include?: string): Promise<LabelledImage[]> {
  const filter = include ? globToRegExp(include) : undefined;
  const images: LabelledImage[] = [];
  for (const label of EXPRESSION_LABELS) {
    let names: string[];
    try {
      names = await readdir(path.join(dir, label));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    for (const name of names.sort()) {
      if (!IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue;
      if (filter && !filter.test(name)) continue;
      images.push({ file: path.join(dir, label, name), label });
    }
  }
  return images;
}
