"""The trained model bundle and its safe persistence.

The three learned parts (signal heads, modality head, role model) travel together in one
skops file. skops rebuilds only types on an explicit allow-list, so a tampered or foreign
file is refused with a clear error instead of running code, as pickle would.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from skops import io as skops_io

from scoring.classifier import ModalityClassifier, SignalClassifier
from scoring.dyads import RoleClassifier
from scoring.settings import MODEL_PATH

FORMAT_VERSION = 1

TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        "scoring.classifier.SignalClassifier",
        "scoring.classifier.ModalityClassifier",
        "scoring.dyads.RoleClassifier",
        "scoring.classifier.CompactTfidf",
        "scoring.dyads.CompactDictVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.pipeline.FeatureUnion",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.svm._classes.LinearSVC",
        "numpy.float32",
        "numpy.float64",
        "numpy.int64",
        "numpy.int8",
        "numpy.dtype",
        "builtins.slice",
        "scipy.sparse._csr.csr_matrix",
        "scipy.sparse._csr.csr_array",
    }
)
"""Every type a model file may contain; anything else makes loading fail."""


class ModelLoadError(RuntimeError):
    """A model file that is missing, foreign, tampered with or from another format version."""


@dataclass
class TensionModel:
    """Everything scoring needs from training: signal heads, modality head, role model."""

    signals: SignalClassifier
    modality: ModalityClassifier
    roles: RoleClassifier
    meta: dict[str, object] = field(default_factory=dict)


def save_model(model: TensionModel, path: Path = MODEL_PATH) -> Path:
    """Write the bundle as a skops file (atomically: a temp file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    bundle = {
        "format_version": FORMAT_VERSION,
        "signals": model.signals,
        "modality": model.modality,
        "roles": model.roles,
        "meta": model.meta,
    }
    tmp = path.with_suffix(path.suffix + ".tmp")
    skops_io.dump(bundle, tmp)
    tmp.replace(path)
    return path


def load_model(path: Path = MODEL_PATH) -> TensionModel:
    """Load a bundle, refusing any file that holds a type outside TRUSTED_TYPES."""
    if not path.is_file():
        raise ModelLoadError(f"no model at {path}; run `python -m scoring train` first")
    try:
        untrusted = set(skops_io.get_untrusted_types(file=path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ModelLoadError(f"{path} is not a skops model file ({exc})") from exc
    unexpected = sorted(untrusted - TRUSTED_TYPES)
    if unexpected:
        raise ModelLoadError(
            f"{path} contains types outside the allow-list, refusing to load: "
            + ", ".join(unexpected)
        )
    try:
        bundle = skops_io.load(path, trusted=sorted(untrusted))
    except Exception as exc:  # skops raises many kinds of errors on corrupt files
        raise ModelLoadError(f"{path} could not be loaded: {exc}") from exc
    if not isinstance(bundle, dict) or bundle.get("format_version") != FORMAT_VERSION:
        raise ModelLoadError(f"{path} is not a tension model of format version {FORMAT_VERSION}")
    return TensionModel(bundle["signals"], bundle["modality"], bundle["roles"], bundle["meta"])
