import { readdir } from "node:fs/promises";
import path from "node:path";
import { EXPRESSION_LABELS, type ExpressionLabel } from "@hailong/models";
import { readableImageSuffixes } from "@hailong/models/toolkit";

export interface LabelledImage {
  file: string;
  label: ExpressionLabel;
}

/** Turns a file-name glob (`*`, `?`, `{a,b}` alternatives) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^$()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".")
    .replace(/\{([^{}]*)\}/g, (_, alternatives: string) => `(?:${alternatives.split(",").join("|")})`);
  return new RegExp(`^${escaped}$`);
}

/** True when the name ends in one of the suffixes (case-insensitive; multi-dot suffixes such as `.svg.gz` too). */
function hasSuffix(name: string, suffixes: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  for (const suffix of suffixes) if (lower.endsWith(suffix)) return true;
  return false;
}

/**
 * Lists `<dir>/<label>/<image>` for every known label folder, optionally filtered by a file-name glob; an image
 * is any file whose suffix a format sharp reads claims (JPEG, PNG, TIFF, WebP, …; readableImageSuffixes).
 */
export async function listLabelledImages(
  dir: string,
  include?: string,
  suffixes: ReadonlySet<string> = readableImageSuffixes(),
): Promise<LabelledImage[]> {
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
      if (!hasSuffix(name, suffixes)) continue;
      if (filter && !filter.test(name)) continue;
      images.push({ file: path.join(dir, label, name), label });
    }
  }
  return images;
}
