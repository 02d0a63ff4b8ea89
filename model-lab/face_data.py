"""Training samples as the agent sees faces: a 5-point similarity warp to the 112x112 MobileFaceNet template.

FER2013 crops have no landmarks; like the agent's `--cropped` path (models/src/vision/face-crop.ts,
TYPICAL_LANDMARKS_IN_BOX) we place typical landmarks in the square crop. Taiwan faces get the landmarks the
agent's own YuNet adapter finds (dumped to JSON by model-lab/scripts/dump-landmarks.ts), else the typical ones.
Augmentation perturbs the landmarks (shift, scale, rotation: detector jitter and head roll) before the warp,
then flips, changes brightness/contrast and turns colour to grey at random.
"""
import hashlib
import json
import math
import os

import cv2
import numpy as np

LABELS = ["angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"]
TEMPLATE_112 = np.array(
    [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]],
    np.float32,
)
TYPICAL_IN_BOX = np.array([[0.31, 0.4], [0.69, 0.4], [0.5, 0.6], [0.35, 0.79], [0.65, 0.79]], np.float32)
IMAGE_EXT = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def list_labelled(root, include=None):
    """[(path, label_index)] for root/<label>/<file>, sorted; include(name) filters file names."""
    items = []
    for li, label in enumerate(LABELS):
        folder = os.path.join(root, label)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.lower().endswith(IMAGE_EXT) and (include is None or include(name)):
                items.append((os.path.join(folder, name), li))
    return items


def is_validation(path, val_mod):
    """Fixed held-out slice of the training split: a hash of the file name, independent of seed and order."""
    digest = hashlib.sha256(os.path.basename(path).encode()).digest()
    return digest[0] % val_mod == 0


def taiwan_performer(name):
    return name.split("-", 1)[1][:2]


def similarity(src, dst):
    """Least-squares similarity src->dst (as estimateSimilarity in similarity-transform.ts)."""
    ms, md = src.mean(0), dst.mean(0)
    s, d = src - ms, dst - md
    var = (s ** 2).sum()
    a = (s * d).sum() / var
    b = (s[:, 0] * d[:, 1] - s[:, 1] * d[:, 0]).sum() / var
    return np.array([[a, -b, md[0] - (a * ms[0] - b * ms[1])], [b, a, md[1] - (b * ms[0] + a * ms[1])]], np.float32)


def typical_landmarks(w, h):
    return TYPICAL_IN_BOX * np.array([w, h], np.float32)


class LandmarkFile:
    """Landmarks the agent's YuNet found, dumped by model-lab/scripts/dump-landmarks.ts (key: <label>/<file>)."""

    def __init__(self, json_path):
        with open(json_path) as f:
            self.marks = json.load(f)

    def __call__(self, path):
        key = "/".join(path.split(os.sep)[-2:])
        value = self.marks.get(key)
        return None if value is None else np.array(value, np.float32)


def load_sample(path, landmarker=None):
    """(RGB uint8 image, 5 landmarks) for one file."""
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    if bgr is None:
        raise ValueError(f"{path}: not an image OpenCV can read")
    marks = landmarker(path) if landmarker else None
    if marks is None:
        marks = typical_landmarks(bgr.shape[1], bgr.shape[0])
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), marks


def warp_face(rgb, marks, rng=None, aug=None):
    """Aligned 112x112 RGB float32 0-255; with rng, a random similarity perturbation of the template fit."""
    m = similarity(marks, TEMPLATE_112)
    if rng is not None:
        angle = math.radians(rng.uniform(-aug["rotate"], aug["rotate"]))
        scale = 1.0 + rng.uniform(-aug["scale"], aug["scale"])
        tx, ty = rng.uniform(-aug["shift"], aug["shift"], 2) * 112
        c, s = math.cos(angle) * scale, math.sin(angle) * scale
        r = np.array([[c, -s, 56 - c * 56 + s * 56 + tx], [s, c, 56 - s * 56 - c * 56 + ty]], np.float32)
        m = r @ np.vstack([m, [0, 0, 1]])
    out = cv2.warpAffine(rgb, m, (112, 112), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return out.astype(np.float32)


def photometric(img, rng, aug):
    if rng.random() < 0.5:
        img = img[:, ::-1, :]
    if rng.random() < aug["grey"]:
        grey = img @ np.array([0.299, 0.587, 0.114], np.float32)
        img = np.repeat(grey[:, :, None], 3, axis=2)
    contrast = 1.0 + rng.uniform(-aug["contrast"], aug["contrast"])
    brightness = rng.uniform(-aug["brightness"], aug["brightness"]) * 255
    mean = img.mean()
    img = (img - mean) * contrast + mean + brightness
    return np.clip(img, 0, 255)


def to_tensor_layout(img):
    """HWC RGB 0-255 -> CHW (x/255-0.5)/0.5, the manifest's normalisation."""
    return np.ascontiguousarray(((img / 255.0 - 0.5) / 0.5).transpose(2, 0, 1), dtype=np.float32)
