import { useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { runCalibrationChecks } from "../calibration/checks.js";
import { type Polygon, validateRoi } from "../calibration/roi-edit.js";
import { type ParameterEdits, runningTuning, tuningToSave } from "../calibration/tuning-draft.js";
import { Card } from "../ui/card.js";
import { ChecksPanel } from "./checks-panel.js";
import { SaveCard } from "./save-card.js";
import { SnapshotCard } from "./snapshot-card.js";
import { useCalibrationActions } from "./use-calibration-actions.js";
import { useCalibrationDraft } from "./use-calibration-draft.js";

export interface CalibrationTarget {
  agentId: string;
  counterId: string;
  /** the counter's name from the directory */
  counterName: string;
  /** the agent's face detector model id, which sets the face-size check's range */
  detectorId: string | null;
}

/** One counter's calibration: snapshot and ROI, the checks on them, and saving the tuning to the agent. */
export function CalibrationPanel(props: CalibrationTarget & { onSaved?: () => void }) {
  const { agentId, counterId } = props;
  const { t, session } = useApp();
  const draft = useCalibrationDraft(counterId);
  const calibration = useCalibrationActions(agentId, counterId, draft, props.onSaved);
  const { busy, error, snapshot, stats, loaded } = calibration;
  const [edits, setEdits] = useState<ParameterEdits>({});
  const [showFaces, setShowFaces] = useState(false);

  const running = runningTuning(counterId, stats, calibration.state.data);
  const roi: Polygon = draft.roi ?? running.tuning.roi;
  const roiProblem = validateRoi(roi);
  const next = tuningToSave(running.tuning, roi as typeof running.tuning.roi, edits);
  const checks = runCalibrationChecks({ snapshot, stats, counterId, tuning: next, detectorId: props.detectorId });
  const windowMs = stats?.counters.find((c) => c.counterId === counterId)?.windowMs ?? null;
  const mayShowFaces = session?.user.role === "admin";

  return (
    <>
      <SnapshotCard
        busy={busy}
        error={error?.action === "snapshot" || error?.action === "stats" ? error.error : null}
        snapshot={snapshot}
        onTakeSnapshot={() => calibration.takeSnapshot(mayShowFaces && showFaces)}
        onRefreshStats={calibration.refreshStats}
        mayShowFaces={mayShowFaces}
        showFaces={showFaces}
        onShowFaces={setShowFaces}
        roi={roi}
        roiProblem={roiProblem}
        onRoiChange={(polygon) => {
          draft.setRoi(polygon);
          calibration.clearSaved();
        }}
        draftKept={draft.roi !== undefined}
        onDiscardDraft={() => draft.setRoi(undefined)}
      />
      <Card id="checks" title={t("checks.title")}>
        <ChecksPanel checks={checks} windowMs={windowMs} />
      </Card>
      <SaveCard
        counterName={props.counterName}
        state={calibration.state.data}
        loaded={loaded}
        running={running}
        edits={edits}
        onEdit={setEdits}
        busy={busy}
        canSave={roiProblem === undefined && loaded}
        onSave={() => calibration.save(running.tuning, next, () => setEdits({}))}
        onTestIncident={calibration.testIncident}
        saved={calibration.saved}
        testResult={calibration.testResult}
        error={
          error?.action === "save" || error?.action === "test" ? { action: error.action, error: error.error } : null
        }
      />
    </>
  );
}
