import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import sharp from "sharp";

/**
 * Builds looping frame folders for the demo from photos shipped in npm packages (no download, no dataset).
 * Faces were picked by running the offline models (blazeface-front + emotion-minixception) on
 * @vladmandic/face-api/demo/sample*.jpg: sample3's right face reads happy (0.99), sample5's upper face
 * neutral (0.83); no shipped photo is angry, but sample6's second face squashed to 70% height reads
 * angry (0.82) — a stand-in for a dissatisfied citizen.
 */
export const DEMO_FACES = {
  happy: { file: "sample3.jpg", x: 1067, y: 226, size: 302, squash: 1 },
  neutral: { file: "sample5.jpg", x: 1021, y: 137, size: 354, squash: 1 },
  angry: { file: "sample6.jpg", x: 1148, y: 348, size: 299, squash: 0.7 },
} as const;
export type DemoFace = keyof typeof DEMO_FACES;

export const FRAME_WIDTH = 480;
export const FRAME_HEIGHT = 480;

/** [face or null for an empty counter, seconds] segments; one loop of a counter's camera. */
export type DemoScript = Array<[DemoFace | null, number]>;

export const DEMO_SCRIPTS: Record<string, DemoScript> = {
  happy: [
    [null, 5],
    ["happy", 8],
    [null, 5],
    ["neutral", 5],
    ["happy", 4],
  ],
  mixed: [
    [null, 4],
    ["neutral", 6],
    ["happy", 6],
    [null, 5],
    ["neutral", 6],
  ],
  angry: [
    [null, 5],
    ["happy", 4],
    ["neutral", 3],
    ["angry", 7],
    ["neutral", 2],
    [null, 6],
  ],
};

export function faceApiDemoDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo");
}

async function renderFace(face: DemoFace, sourceDir: string): Promise<Buffer> {
  const spec = DEMO_FACES[face];
  const margin = Math.round(spec.size * 0.5);
  const side = spec.size + 2 * margin;
  const crop = await sharp(join(sourceDir, spec.file))
    .extract({ left: Math.max(0, spec.x - margin), top: Math.max(0, spec.y - margin), width: side, height: side })
    .resize(320, Math.round(320 * spec.squash), { fit: "fill" })
    .toBuffer();
  return background()
    .composite([{ input: crop, gravity: "center" }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

function background() {
  return sharp({
    create: { width: FRAME_WIDTH, height: FRAME_HEIGHT, channels: 3, background: { r: 120, g: 120, b: 120 } },
  });
}

/**
 * Writes one image per face plus `frames/<counter>/000123.jpg` symlinks following each counter's script
 * at `fps`, and returns the frame folder of every counter.
 */
export async function buildDemoFrames(
  root: string,
  counters: Array<{ counterId: string; script: DemoScript }>,
  fps: number,
  sourceDir = faceApiDemoDir(),
): Promise<Map<string, string>> {
  await rm(root, { recursive: true, force: true });
  const imagesDir = join(root, "images");
  await mkdir(imagesDir, { recursive: true });
  const images = new Map<DemoFace | null, string>();
  const empty = join(imagesDir, "empty.jpg");
  await writeFile(empty, await background().jpeg({ quality: 85 }).toBuffer());
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
