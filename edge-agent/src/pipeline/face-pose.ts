import type { DetectedFace } from "@hailong/models";

/** Nose offset from the eye–mouth midline, in eye distances, at which a head is turned fully sideways. */
const YAW_FULL_OFFSET = 0.5;
/**
 * Where the nose tip sits between the eye line (0) and the mouth line (1) on a face seen straight on: the
 * median over YuNet's landmarks on the CK+ neutral first frames (docs/install.en.md, "Reading the checks").
 */
const FRONTAL_NOSE_DEPTH = 0.54;

const degrees = (ratio: number) => Math.round((Math.asin(Math.max(-1, Math.min(1, ratio))) * 180) / Math.PI);

/**
 * Rough head turn (yaw) and tilt (pitch) from the detector's five landmarks (YuNet order: right eye, left eye,
 * nose, right and left mouth corner). Good enough to tell an installer the camera looks at the citizen from the
 * side or from far above; undefined when the detector gives no landmarks.
 */
export function estimateFacePose(face: DetectedFace): { yawDeg: number; pitchDeg: number } | undefined {
  const lm = face.landmarks;
  if (!lm) return undefined;
  const [rightEye, leftEye, nose, rightMouth, leftMouth] = lm;
  const eyes = { x: (rightEye.x + leftEye.x) / 2, y: (rightEye.y + leftEye.y) / 2 };
  const mouth = { x: (rightMouth.x + leftMouth.x) / 2, y: (rightMouth.y + leftMouth.y) / 2 };
  const eyeDistance = Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y);
  const faceHeight = mouth.y - eyes.y;
  if (eyeDistance <= 0 || faceHeight <= 0) return undefined;
  const midline = (eyes.x + mouth.x) / 2;
  const yawDeg = degrees((nose.x - midline) / eyeDistance / YAW_FULL_OFFSET);
  // Seen from above, the nose tip drops towards the mouth line; seen from below it rises to the eyes.
  const depth = (nose.y - eyes.y) / faceHeight;
  const pitchDeg = degrees((depth - FRONTAL_NOSE_DEPTH) / (1 - FRONTAL_NOSE_DEPTH));
  return { yawDeg, pitchDeg };
}
