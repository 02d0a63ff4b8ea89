import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";

/** Finds `name` as an executable file on PATH (no process is started). */
export function findOnPath(name: string, path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder: try the next one
    }
  }
  return undefined;
}

/** The binary that `@ffmpeg-installer/ffmpeg` installed from the npm registry, if its platform has one. */
function npmFfmpeg(): string | undefined {
  try {
    const { path } = createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string };
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/**
 * The ffmpeg to run: `HAILONG_FFMPEG`, else the system's (usually newer, with the distribution's codecs),
 * else the static build that npm installed, so a fresh `npm ci` can decode video without apt.
 */
export function ffmpegPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HAILONG_FFMPEG || findOnPath("ffmpeg", env.PATH) || npmFfmpeg() || "ffmpeg";
}
