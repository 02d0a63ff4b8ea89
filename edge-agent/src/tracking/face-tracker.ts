import { iou } from "@hailong/models";
import type { FaceBox } from "./roi.js";

/** IoU lives in @hailong/models (vision/nms.ts), shared with the detectors' non-maximum suppression. */
export { iou };

export interface TrackerOptions {
  /** IoU at or above which a detection continues a track. */
  minIou: number;
  /** Fallback for fast moves: centre distance, in units of the face height, under which a detection continues a track. */
  maxCentreDistance: number;
  /** A confirmed track survives this long without detections (the visit's endAfterMs). */
  maxAgeMs: number;
  /** Hits that confirm a track (the visit's startFrames). */
  confirmHits: number;
  /** An unconfirmed track is forgotten after this long without detections. */
  tentativeMaxAgeMs: number;
}

export interface Track {
  readonly id: number;
  box: FaceBox;
  firstSeen: number;
  lastSeen: number;
  hits: number;
}

export interface TrackerUpdate<F> {
  assigned: { track: Track; face: F }[];
  /** Tracks that aged out at this update (confirmed or not). */
  expired: Track[];
}

export const DEFAULT_TRACKER_OPTIONS: Omit<TrackerOptions, "maxAgeMs" | "confirmHits"> = {
  minIou: 0.3,
  maxCentreDistance: 0.75,
  tentativeMaxAgeMs: 1000,
};

function centreDistance(a: FaceBox, b: FaceBox): number {
  const dx = a.x + a.width / 2 - (b.x + b.width / 2);
  const dy = a.y + a.height / 2 - (b.y + b.height / 2);
  return Math.hypot(dx, dy) / Math.max(a.height, b.height, 1);
}

/** Greedy IoU (then centre-distance) tracker over frame timestamps; pure, no timers. */
export function createFaceTracker<F extends { box: FaceBox }>(options: TrackerOptions) {
  let nextId = 1;
  let tracks: Track[] = [];

  function match(faces: readonly F[]): Map<number, number> {
    const pairs: { t: number; f: number; iou: number; dist: number }[] = [];
    tracks.forEach((track, t) => {
      faces.forEach((face, f) => {
        pairs.push({ t, f, iou: iou(track.box, face.box), dist: centreDistance(track.box, face.box) });
      });
    });
    const faceToTrack = new Map<number, number>();
    const usedTracks = new Set<number>();
    const take = (p: { t: number; f: number }) => {
      if (usedTracks.has(p.t) || faceToTrack.has(p.f)) return;
      usedTracks.add(p.t);
      faceToTrack.set(p.f, p.t);
    };
    for (const p of [...pairs].sort((a, b) => b.iou - a.iou)) if (p.iou >= options.minIou) take(p);
    for (const p of [...pairs].sort((a, b) => a.dist - b.dist)) if (p.dist <= options.maxCentreDistance) take(p);
    return faceToTrack;
  }

  return {
    update(ts: number, faces: readonly F[]): TrackerUpdate<F> {
      const faceToTrack = match(faces);
      const assigned: TrackerUpdate<F>["assigned"] = [];
      faces.forEach((face, f) => {
        const index = faceToTrack.get(f);
        let track: Track;
        if (index === undefined) {
          track = { id: nextId++, box: face.box, firstSeen: ts, lastSeen: ts, hits: 1 };
          tracks.push(track);
        } else {
          track = tracks[index] as Track;
          track.box = face.box;
          track.lastSeen = ts;
          track.hits += 1;
        }
        assigned.push({ track, face });
      });
      const expired = tracks.filter((t) => {
        const maxAge = t.hits >= options.confirmHits ? options.maxAgeMs : options.tentativeMaxAgeMs;
        return ts - t.lastSeen > maxAge;
      });
      if (expired.length > 0) tracks = tracks.filter((t) => !expired.includes(t));
      return { assigned, expired };
    },
    /** Ends every track (input ended). */
    flush(): Track[] {
      const all = tracks;
      tracks = [];
      return all;
    },
    tracks(): readonly Track[] {
      return tracks;
    },
  };
}

export type FaceTracker<F extends { box: FaceBox }> = ReturnType<typeof createFaceTracker<F>>;
