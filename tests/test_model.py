"""The trained model: beats the keyword baseline, reads tricky sentences, is calibrated,
and its file cannot run code."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest

from scoring.baseline import KeywordBaseline
from scoring.classifier import labels_matrix
from scoring.evaluate import evaluate, expected_calibration_error
from scoring.model import ModelLoadError, load_model, save_model
from scoring.settings import MODEL_PATH
from scoring.taxonomy import SIGNAL_NAMES
from scoring.train import by_split, load_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_beats_the_keyword_baseline_on_test_in_every_language(model, corpus) -> None:
    test = by_split(corpus, "test")
    truth = labels_matrix([s.signals for s in test])
    langs = [s.lang for s in test]
    ours = evaluate(truth, model.signals.predict([s.text for s in test]), langs)
    base = evaluate(truth, KeywordBaseline().predict([s.text for s in test]), langs)
    assert ours.macro_f1 > base.macro_f1 + 0.15
    for lang, f1 in ours.per_language.items():
        assert f1 > base.per_language[lang], lang


def test_probabilities_are_calibrated_on_dev(model, corpus) -> None:
    dev = by_split(corpus, "dev")
    proba = model.signals.predict_proba([s.text for s in dev])
    assert expected_calibration_error(proba, labels_matrix([s.signals for s in dev])) < 0.05


KNOWN_MISS = pytest.mark.xfail(
    reason="known failure mode (model card): the English head still leans on the word itself",
    strict=False,
)
TRICKY = [
    pytest.param(
        "The former minister was summoned to court in Paris on Tuesday.", set(), marks=KNOWN_MISS
    ),
    ("The coalition parties signed a stability pact on the budget.", set()),
    pytest.param("UEFA imposed sanctions on the club over crowd trouble.", set(), marks=KNOWN_MISS),
    ("Der frühere Minister wurde vor Gericht geladen.", set()),
    ("La UEFA sancionó al club por los incidentes en la grada.", set()),
    ("UN sanctions have targeted Pyongyang since 2006.", set()),
    ("Le ministère a convoqué l'ambassadeur de Russie vendredi.", {"summons"}),
    ("Estonia expelled two Russian diplomats on Monday, the foreign ministry said.", {"expulsion"}),
    ("Nordkorea hat am Donnerstag erneut eine ballistische Rakete abgefeuert.", {"weapons_test"}),
]


@pytest.mark.parametrize(("text", "expected"), TRICKY)
def test_tricky_sentences(model, text: str, expected: set[str]) -> None:
    found = {SIGNAL_NAMES[j] for j in np.nonzero(model.signals.predict([text])[0])[0]}
    assert found == expected


def test_denied_plans_are_read_as_denied(model) -> None:
    text = "The foreign ministry denied reports that it planned to expel the Chinese ambassador."
    assert model.modality.predict([text], ["expulsion"])[0] == "denied"


def test_round_trip_keeps_predictions(model, tmp_path: Path) -> None:
    path = save_model(model, tmp_path / "copy.skops")
    again = load_model(path)
    texts = ["Seoul summoned the Russian ambassador.", "Markets rose."]
    assert np.allclose(model.signals.predict_proba(texts), again.signals.predict_proba(texts))


class Evil:
    def __reduce__(self):
        return (print, ("pwned",))


def test_a_pickle_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.skops"
    path.write_bytes(pickle.dumps(Evil()))
    with pytest.raises(ModelLoadError, match="not a skops model file"):
        load_model(path)


def test_a_tampered_file_with_foreign_types_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tampered.skops"
    with zipfile.ZipFile(MODEL_PATH) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "schema.json":
                data = data.replace(b'"sklearn.pipeline"', b'"os"', 1).replace(
                    b'"FeatureUnion"', b'"system"', 1
                )
            dst.writestr(item, data)
    with pytest.raises(ModelLoadError, match=r"outside the allow-list|could not be loaded"):
        load_model(path)


def test_garbage_and_missing_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.skops"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(ModelLoadError):
        load_model(junk)
    with pytest.raises(ModelLoadError, match="no model at"):
        load_model(tmp_path / "absent.skops")
    truncated = tmp_path / "cut.skops"
    truncated.write_bytes(MODEL_PATH.read_bytes()[:4096])
    with pytest.raises(ModelLoadError):
        load_model(truncated)
