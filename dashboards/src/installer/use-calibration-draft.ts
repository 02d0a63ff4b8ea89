import { RelativePointSchema, type SnapshotApiResponse, SnapshotApiResponseSchema } from "@hailong/protocol";
import { useState } from "preact/hooks";
import type { Polygon } from "../calibration/roi-edit.js";

/** A drawing in progress may have fewer than the three points a saved ROI needs. */
const DraftRoiSchema = RelativePointSchema.array().max(32);

const roiKey = (counterId: string) => `hailong.installer.roi-draft.${counterId}`;
const snapshotKey = (counterId: string) => `hailong.installer.snapshot.${counterId}`;

function read<T>(storage: Storage | undefined, key: string, parse: (json: unknown) => T | undefined): T | undefined {
  try {
    const text = storage?.getItem(key);
    return text ? parse(JSON.parse(text)) : undefined;
  } catch {
    // A corrupt or foreign entry is dropped: the panel starts from the counter's running ROI instead.
    storage?.removeItem(key);
    return undefined;
  }
}

function write(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the draft lives only in memory, as before.
  }
}

const local = () => (typeof localStorage === "undefined" ? undefined : localStorage);
const session = () => (typeof sessionStorage === "undefined" ? undefined : sessionStorage);

/**
 * The installer's unsaved work on one counter, kept across a reload: the ROI being drawn in local storage
 * (until it is saved), and the last privacy snapshot in session storage (gone when the tab closes). A view
 * with faces shown is never stored.
 */
export function useCalibrationDraft(counterId: string) {
  const [roi, setRoiState] = useState<Polygon | undefined>(() =>
    read(local(), roiKey(counterId), (json) => {
      const parsed = DraftRoiSchema.safeParse(json);
      return parsed.success ? parsed.data : undefined;
    }),
  );
  const [snapshot, setSnapshotState] = useState<SnapshotApiResponse | null>(
    () =>
      read(session(), snapshotKey(counterId), (json) => {
        const parsed = SnapshotApiResponseSchema.safeParse(json);
        return parsed.success && parsed.data.facesBlurred ? parsed.data : undefined;
      }) ?? null,
  );
  return {
    /** the drawn ROI, or undefined when nothing was drawn since the last save */
    roi,
    setRoi(next: Polygon | undefined) {
      setRoiState(next);
      write(local(), roiKey(counterId), next);
    },
    snapshot,
    setSnapshot(next: SnapshotApiResponse) {
      setSnapshotState(next);
      write(session(), snapshotKey(counterId), next.facesBlurred ? next : undefined);
    },
  };
}
