import type { SnapshotApiResponse } from "@hailong/protocol";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import type { Polygon, RoiProblem } from "../calibration/roi-edit.js";
import { Card } from "../ui/card.js";
import { ErrorBox } from "../ui/status.js";
import { RoiEditor } from "./roi-editor.js";

export interface SnapshotCardProps {
  /** an action of the panel is under way: the buttons wait; "snapshot"/"stats" say which */
  busy: string | null;
  /** the snapshot's or the stats' failure */
  error: ApiRequestError | null;
  snapshot: SnapshotApiResponse | null;
  onTakeSnapshot: () => void;
  onRefreshStats: () => void;
  /** admins may ask for a view with faces shown */
  mayShowFaces: boolean;
  showFaces: boolean;
  onShowFaces: (show: boolean) => void;
  roi: Polygon;
  roiProblem: RoiProblem | undefined;
  onRoiChange: (polygon: Polygon) => void;
  /** a drawn ROI not saved yet is kept (across a reload) until saved or discarded */
  draftKept: boolean;
  onDiscardDraft: () => void;
}

/** The camera's snapshot, with the ROI drawn over it. */
export function SnapshotCard(props: SnapshotCardProps) {
  const { t } = useApp();
  const { busy, snapshot, roiProblem } = props;
  return (
    <Card id="snapshot" title={t("installer.snapshot")}>
      <div class="controls">
        <button type="button" disabled={busy !== null} data-testid="take-snapshot" onClick={props.onTakeSnapshot}>
          {busy === "snapshot" ? t("common.working") : t("installer.takeSnapshot")}
        </button>
        <button type="button" class="secondary" disabled={busy !== null} onClick={props.onRefreshStats}>
          {busy === "stats" ? t("common.working") : t("installer.refreshStats")}
        </button>
        {props.mayShowFaces && (
          <label class="inline">
            <input
              type="checkbox"
              checked={props.showFaces}
              onChange={(e) => props.onShowFaces(e.currentTarget.checked)}
            />
            {t("installer.showFaces")}
          </label>
        )}
      </div>
      <p class="muted">{t("installer.snapshotWait")}</p>
      {snapshot && (
        <p class="muted" data-testid="snapshot-meta">
          {t("installer.snapshotMeta", {
            w: snapshot.width,
            h: snapshot.height,
            faces: snapshot.faces.length,
            blurred: snapshot.facesBlurred ? t("installer.blurred") : t("installer.notBlurred"),
          })}
        </p>
      )}
      {snapshot?.facesBlurred && <p class="muted">{t("installer.privacyNote")}</p>}
      {props.error && <ErrorBox error={props.error} />}
      <RoiEditor
        polygon={props.roi}
        onChange={props.onRoiChange}
        width={snapshot?.width ?? 640}
        height={snapshot?.height ?? 480}
        imageUrl={snapshot ? `data:image/jpeg;base64,${snapshot.jpegBase64}` : null}
      />
      {roiProblem && (
        <p class="warning" role="status">
          {t(`roi.problem.${roiProblem}`)}
        </p>
      )}
      {props.draftKept && (
        <p class="muted" data-testid="draft-kept">
          {t("installer.draftKept")}{" "}
          <button type="button" class="link" onClick={props.onDiscardDraft}>
            {t("installer.discardDraft")}
          </button>
        </p>
      )}
    </Card>
  );
}
