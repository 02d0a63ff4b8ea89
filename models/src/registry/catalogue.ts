import type { ModelManifest } from "../manifest.js";

/** Models that exist only as downloads (opencv_zoo); `hailong models fetch` installs them into models/downloaded/. */
export interface DownloadableModel {
  manifest: ModelManifest;
  /** Upstream GitHub LFS media URL (raw.githubusercontent.com would serve the LFS pointer, not the weights). */
  url: string;
}

const OPENCV_ZOO_MEDIA = "https://media.githubusercontent.com/media/opencv/opencv_zoo/main/models";

export const DOWNLOADABLE_MODELS: readonly DownloadableModel[] = [
  {
    url: `${OPENCV_ZOO_MEDIA}/face_detection_yunet/face_detection_yunet_2023mar.onnx`,
    manifest: {
      id: "yunet-2023mar",
      kind: "yunet-detector",
      file: "yunet-2023mar.onnx",
      bytes: 232589,
      sha256: "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4",
      source: {
        kind: "download",
        url: `${OPENCV_ZOO_MEDIA}/face_detection_yunet/face_detection_yunet_2023mar.onnx`,
        note: "upstream file face_detection_yunet_2023mar.onnx (ShiqiYu/libfacedetection.train yunet_s_640_640)",
      },
      licence: "MIT (opencv/opencv_zoo models/face_detection_yunet)",
      input: {
        name: "input",
        shape: [1, 3, 640, 640],
        layout: "NCHW",
        colorOrder: "BGR",
        normalisation: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
        alignment: "none",
      },
      outputs: [
        "cls_8",
        "cls_16",
        "cls_32",
        "obj_8",
        "obj_16",
        "obj_32",
        "bbox_8",
        "bbox_16",
        "bbox_32",
        "kps_8",
        "kps_16",
        "kps_32",
      ],
    },
  },
  {
    url: `${OPENCV_ZOO_MEDIA}/facial_expression_recognition/facial_expression_recognition_mobilefacenet_2022july_int8.onnx`,
    manifest: {
      id: "fer-mobilefacenet-int8",
      kind: "expression",
      file: "fer-mobilefacenet-int8.onnx",
      bytes: 1364007,
      sha256: "f0d7093aff10e2638c734c5f18a6a7eabd2b9239b20bdb9b8090865a6f69a1ed",
      source: {
        kind: "download",
        url: `${OPENCV_ZOO_MEDIA}/facial_expression_recognition/facial_expression_recognition_mobilefacenet_2022july_int8.onnx`,
        note: "upstream file facial_expression_recognition_mobilefacenet_2022july_int8.onnx (Progressive Teacher, RAF-DB)",
      },
      licence: "Apache-2.0 (opencv/opencv_zoo models/facial_expression_recognition)",
      input: {
        name: "data",
        shape: [1, 3, 112, 112],
        layout: "NCHW",
        colorOrder: "RGB",
        normalisation: { scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
        alignment: "five-point-112",
      },
      outputs: ["label"],
      labels: ["angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"],
      outputActivation: "logits",
    },
  },
];

/**
 * Downloads that are not ONNX models but sources the converter derives models from (models/src/convert):
 * `hailong models fetch` installs them into models/downloaded/ beside the models, verified the same way.
 */
export interface DownloadableAsset {
  id: string;
  /** File name in models/downloaded/ (and in a mirror folder). */
  file: string;
  bytes: number;
  sha256: string;
  url: string;
  licence: string;
}

export const FACE_LANDMARKER_TASK: DownloadableAsset = {
  id: "mediapipe-face-landmarker-task",
  file: "face_landmarker.task",
  bytes: 3758596,
  sha256: "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff",
  url: "https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task",
  licence: "Apache-2.0 (Google MediaPipe)",
};

export const DOWNLOADABLE_ASSETS: readonly DownloadableAsset[] = [FACE_LANDMARKER_TASK];

/** File name of each downloadable model in a mirror folder (the upstream name, as ../shared/models holds them). */
export function upstreamFileName(model: { url: string }): string {
  return model.url.slice(model.url.lastIndexOf("/") + 1);
}

export function findDownloadable(id: string): DownloadableModel | undefined {
  return DOWNLOADABLE_MODELS.find((m) => m.manifest.id === id);
}

/** Models the converter derives from npm packages on demand (models/src/convert). */
export const CONVERTED_MODEL_IDS = [
  "emotion-minixception",
  "faceapi-expression",
  "blazeface-front",
  "blazeface-back",
] as const;

/** Models the converter derives from MediaPipe's face_landmarker.task (fetched asset) on demand. */
export const FACE_LANDMARKER_ID = "mediapipe-face-landmarker";
