import sharp from "sharp";

/**
 * File suffixes (lower case, with the dot) of every format this build of sharp can read from a file: JPEG,
 * PNG, WebP, TIFF, GIF, SVG, AVIF and libvips' own, as `sharp.format` reports them, so a folder of any
 * readable image is never "empty" to eval.
 */
export function readableImageSuffixes(): Set<string> {
  const suffixes = new Set<string>();
  for (const format of Object.values(sharp.format)) {
    if (!format.input.file) continue;
    for (const suffix of (format.input as { fileSuffix?: string[] }).fileSuffix ?? [])
      suffixes.add(suffix.toLowerCase());
  }
  return suffixes;
}
