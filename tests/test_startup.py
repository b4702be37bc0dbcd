"""Issue 30: a single-image command pays for what its page needs, and no more.

What a plain English command loads (no PP-OCR, ONNX Runtime, HEIF, redaction or born-digital
readers, in the launcher or where the page is read), PP-OCR's model list parsed once, a page
decoded and measured once, and no orientation trials for a page whose reading settles it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from sandbox import ink, pages, pipeline, reading
from sandbox.config import OcrSettings, Steps
from sandbox.engines import base, ppocr
from sandbox.limits import Limits
from sandbox.models import BBox, InputFile, InputKind, Line, Word
from tests.conftest import FakeEngine, text_image

LINES = ["The archive holds every letter", "of the quarterly audit since 1998"]
HEAVY = ("onnxruntime", "rapidocr", "omegaconf", "pillow_heif", "sandbox.redact", "sandbox.extract.run")


def _imported(stderr: str) -> set[str]:
    """Module names from ``-X importtime`` lines."""
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


def _traced_ocr(src: Path, isolation: str) -> subprocess.CompletedProcess[str]:
    """``sandbox ocr SRC -l eng`` with ``-X importtime``: every module imported, on stderr."""
    command = [sys.executable, "-X", "importtime", "-m", "sandbox", "ocr", str(src), "-l", "eng", "-q"]
    return subprocess.run(
        [*command, "--isolation", isolation], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.slow
def test_a_plain_english_command_loads_no_pp_ocr(tmp_path: Path) -> None:
    """Launcher, run and page worker in one process tree (``--isolation none``): the page is read,
    and neither PP-OCR nor anything the command does not need was imported on the way."""
    src = tmp_path / "page.png"
    text_image(LINES).save(src)
    proc = _traced_ocr(src, "none")
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "quarterly audit" in proc.stdout
    modules = _imported(proc.stderr)
    assert "sandbox.reading" in modules and "cv2" in modules  # the page was measured and read here
    assert not _heavy(modules)


@pytest.mark.slow
def test_the_launcher_loads_no_image_library(tmp_path: Path) -> None:
    """In bubblewrap the launcher only checks the request and starts the sandbox: no NumPy,
    OpenCV, Pillow or PP-OCR in it (the sandboxed side loads what the page needs)."""
    src = tmp_path / "page.png"
    text_image(LINES).save(src)
    proc = _traced_ocr(src, "bwrap")
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "quarterly audit" in proc.stdout
    modules = _imported(proc.stderr)  # the sandbox starts with a clean environment: the launcher's only
    assert "sandbox.cli.launch" in modules
    assert not _heavy(modules)
    assert not {m for m in modules if m.split(".")[0] in ("numpy", "cv2", "PIL")}


# What a launcher never needs: it checks the request and starts the sandbox, whose side reads pages
LAUNCHER_NEVER = (
    *HEAVY, "numpy", "cv2", "PIL", "tomllib", "sandbox.api", "sandbox.pipeline", "sandbox.pages", "sandbox.reading",
    "sandbox.ink", "sandbox.ingest", "sandbox.structure", "sandbox.convert", "sandbox.extract",
)  # fmt: skip

LAUNCHER_PROBE = """
import json, sys
from sandbox import isolation

never = json.loads(sys.argv[1])

def started(command, *args, **kwargs):  # where bubblewrap would start: what the launcher holds by then
    print(json.dumps(sorted(m for m in sys.modules if any(m == n or m.startswith(n + ".") for n in never))))
    return 0

isolation.run_inside = started
sys.argv = ["sandbox", "ocr", *sys.argv[2:]]
from sandbox.cli.app import main
main()
"""


def test_the_launcher_imports_nothing_the_sandboxed_side_does(tmp_path: Path) -> None:
    """A fresh launcher, up to the moment it would start bubblewrap (the request built and
    checked, the sandbox's command line made): none of the image, reading, redaction or
    structure stacks is loaded, nor a config-file parser for a run without one.  Fast: no
    sandbox is started and no page is read."""
    src = tmp_path / "page.png"
    Image.new("L", (40, 20), 255).save(src)
    args = [str(src), "-o", str(tmp_path / "out"), "--to", "txt,json", "--isolation", "bwrap"]
    env = {k: v for k, v in os.environ.items() if k != "SANDBOX_CONFIG"} | {"HOME": str(tmp_path)}  # no config file
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER_PROBE, json.dumps(LAUNCHER_NEVER), *args],
        capture_output=True, text=True, timeout=60, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-800:]
    assert json.loads(proc.stdout) == []


def test_no_more_page_workers_than_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker costs its start (NumPy, loaded before the memory cap): a single image read with
    ``-j 4`` starts one, two single-page images two; every page is still read."""
    started: list[int] = []
    real_pool = pipeline._pool

    def pool(jobs: int, workdir: Path, limits: Limits) -> ProcessPoolExecutor:
        started.append(jobs)
        return real_pool(jobs, workdir, limits)

    monkeypatch.setattr(pipeline, "_pool", pool)
    blank = tmp_path / "blank.png"
    Image.new("L", (60, 40), 255).save(blank)
    src = InputFile(blank, blank.name, blank.name, InputKind.PNG, 1)
    settings = OcrSettings(lang="eng", engine="tesseract", jobs=4)
    for inputs in ([src], [src, src]):
        documents: list[pipeline.DocumentResult[None]] = []
        pipeline.run(inputs, settings, tmp_path, documents.append)
        assert [d.document is not None and len(d.document.pages) for d in documents] == [1] * len(inputs)
    assert started == [1, 2]


@pytest.mark.skipif(not ppocr.available(), reason="needs PP-OCR")
def test_rapidocr_model_list_is_parsed_as_omegaconf_parses_it() -> None:
    """The list rapidocr is handed (parsed by libyaml) is the one it would load itself."""
    import rapidocr
    from omegaconf import OmegaConf

    path = Path(rapidocr.__file__).parent / ppocr.MODEL_LIST
    assert ppocr.model_list(path) == OmegaConf.to_container(OmegaConf.load(path))


PROBE = """
from omegaconf import OmegaConf
before = vars(OmegaConf)["load"]
from sandbox.engines import ppocr
engine = ppocr._engine()
engine._load_det_model(); engine._load_rec_model()
from rapidocr.inference_engine.base import InferSession
from rapidocr.utils import model_resolver
assert list(InferSession.model_info) == [ppocr.RUNTIME], list(InferSession.model_info)
assert OmegaConf.is_readonly(InferSession.model_info)
assert model_resolver.MODEL_ROUTES and model_resolver.LANG_MAPPING
assert vars(OmegaConf)["load"] is before
print("ok")
"""


@pytest.mark.slow
@pytest.mark.skipif(not ppocr.available(), reason="needs PP-OCR")
def test_pp_ocr_loads_its_models_from_the_list_parsed_once() -> None:
    """In a fresh process: the sessions see ONNX Runtime's part of the list, read-only; the
    language routes are there; ``OmegaConf.load`` is put back as it was."""
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, check=False)
    assert proc.stdout.strip() == "ok", proc.stderr[-800:]


def test_an_input_page_is_decoded_and_measured_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PNG without a DPI tag: its ink is measured to estimate the DPI, and that measure and
    those pixels are the reader's too."""
    src = tmp_path / "untagged.png"
    text_image(LINES).save(src)  # no dpi= : untagged
    measured: list[tuple[int, int]] = []
    opened: list[Path] = []
    real_measure, real_load = ink.measure, reading._load

    def measure(img: Image.Image) -> ink.Ink:
        measured.append(img.size)
        return real_measure(img)

    def load(path: Path) -> Image.Image | None:
        opened.append(path)
        return real_load(path)

    monkeypatch.setattr(ink, "measure", measure)  # the reader's ink module is this one
    monkeypatch.setattr(reading, "_load", load)
    settings = OcrSettings(lang="eng", engine="tesseract")
    task: pages.PageTask[None] = pages.PageTask(
        0, InputFile(src, src.name, src.name, InputKind.PNG, 1), 0, settings, tmp_path
    )
    page, _, _ = pages.read_page(task)
    assert "quarterly" in " ".join(w.text for w in page.words)
    assert len(measured) == 1 and not opened


def _tilted(confidence: float) -> Callable[[FakeEngine, Image.Image], list[Line]]:
    """A reading of three lines of long words, tilted by ~3° (so it does not read well)."""

    def answer(engine: FakeEngine, img: Image.Image) -> list[Line]:
        lines = []
        for row in range(3):
            top = 20 + 60 * row
            words = tuple(
                Word("Quarterly", BBox(20 + 110 * i, top + 6 * i, 120 + 110 * i, top + 30 + 6 * i), confidence)
                for i in range(6)
            )
            lines.append(Line(words, BBox(20, 20 + 60 * row, 680, 80 + 60 * row), 0, 0))
        return lines

    return answer


@pytest.mark.parametrize(("confidence", "trials"), [(0.95, False), (0.4, True)])
def test_orientation_trials_only_when_the_reading_leaves_it_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_engine: Callable[..., FakeEngine], confidence: float,
    trials: bool,
) -> None:  # fmt: skip
    """OSD unsure: a confident reading (108 trusted characters, level word boxes aside) settles
    the page's orientation; a reading of debris leaves it to four half-size trial readings."""
    fake = fake_engine(_tilted(confidence))
    monkeypatch.setattr(base, "Tesseract", lambda: fake)  # the trial readings' engine
    monkeypatch.setattr(reading.Reader, "osd", lambda self, img, dpi: None)
    src = tmp_path / "page.png"
    text_image(LINES).save(src, dpi=(300, 300))
    reader = reading.Reader("eng", 3, 60, "page.png", 0, tmp_path, Steps(deskew=False, clean=False), "tesseract")
    with Image.open(src) as img:
        reader.read(src, img.width, img.height, 300)
        half = (img.width // 2, img.height // 2)
    assert (half in fake.sizes) is trials


MEASURE_PROBE = """
import sys
from PIL import Image, ImageDraw
from sandbox import ink
img = Image.new("L", (400, 80), 255)
ImageDraw.Draw(img).text((10, 20), "Quarterly audit 1998", fill=0)
found = ink.measure(img)
assert found.has_ink and found.height, found
print("numpy.ma" in sys.modules)
"""


def test_measuring_ink_takes_the_median_as_numpy_does_without_numpy_ma() -> None:
    """The glyph heights' median is NumPy's to the bit (odd and even counts, whole and
    fractional values), and measuring a page leaves ``numpy.ma`` unloaded (~25 ms a process)."""
    import numpy as np

    rng = np.random.default_rng(30)
    for size in (*range(1, 40), 1000, 1001):
        for values in (rng.integers(1, 300, size).astype(float), rng.random(size) * 100):
            assert ink._median(values) == np.median(values)
    probe = [sys.executable, "-c", MEASURE_PROBE]
    proc = subprocess.run(probe, capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.strip() == "False", proc.stderr[-800:]
