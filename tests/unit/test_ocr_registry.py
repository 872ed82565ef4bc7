"""The OCR engine registry: each engine's own typed options from config.toml, and the start-up
check of every program a page's OCR will run (Tesseract's orientation detection with either
engine). Tesseract's answers are faked here; the real programs run in the integration tests."""

from __future__ import annotations

import pytest
from packaging.version import Version

from pipeline.config import load_settings
from pipeline.errors import ConfigError, MissingProgramError
from pipeline.ocr import ENGINES, check_programs
from pipeline.ocr import osd as osd_module


def _settings(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_an_engine_s_options_are_read_from_its_own_table(tmp_path):
    settings = _settings(tmp_path, '[ocr]\nengine = "rapidocr"\n[ocr.rapidocr]\npage_side = 1600\n')
    assert settings.ocr.rapidocr.page_side == 1600
    assert settings.ocr.tesseract.psm == 4  # the other engine's table keeps its defaults


def test_an_unknown_or_bad_engine_option_stops_start_up(tmp_path):
    with pytest.raises(ConfigError, match="page_sid"):
        _settings(tmp_path, "[ocr.rapidocr]\npage_sid = 1600\n")
    with pytest.raises(ConfigError, match="page_side"):
        _settings(tmp_path, "[ocr.rapidocr]\npage_side = 10\n")


def test_every_configurable_engine_is_in_the_registry(tmp_path):
    from typing import get_args

    from pipeline.config import OcrSettings

    assert set(get_args(OcrSettings.model_fields["engine"].annotation)) == set(ENGINES)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_orientation_data_is_checked_whatever_the_engine(engine, tmp_path, monkeypatch):
    """GIVEN Tesseract with chi_sim but no osd data WHEN the programs are checked THEN start-up
    stops naming the package: every engine falls back on Tesseract's orientation detection."""
    monkeypatch.setattr(osd_module.pytesseract, "get_tesseract_version", lambda: Version("5.3.0"))
    monkeypatch.setattr(osd_module.pytesseract, "get_languages", lambda config="": ["chi_sim", "eng"])
    settings = _settings(tmp_path, f'[ocr]\nengine = "{engine}"\n')
    with pytest.raises(MissingProgramError, match="tesseract-ocr-osd"):
        check_programs(settings.ocr)


def test_with_every_program_there_the_check_passes(tmp_path, monkeypatch):
    monkeypatch.setattr(osd_module.pytesseract, "get_tesseract_version", lambda: Version("5.3.0"))
    monkeypatch.setattr(osd_module.pytesseract, "get_languages", lambda config="": ["chi_sim", "osd"])
    for engine in ENGINES:
        check_programs(_settings(tmp_path, f'[ocr]\nengine = "{engine}"\n').ocr)
