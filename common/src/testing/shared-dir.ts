import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the model tests find the repository, the ../shared data and face-api's sample photos. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SHARED_DIR = path.resolve(process.env.HAILONG_SHARED_DIR ?? path.join(REPO_ROOT, "../shared"));
export const HAS_SHARED = existsSync(path.join(SHARED_DIR, "models")) && existsSync(path.join(SHARED_DIR, "data"));
export const FACE_API_SAMPLES = path.join(REPO_ROOT, "node_modules/@vladmandic/face-api/demo");
