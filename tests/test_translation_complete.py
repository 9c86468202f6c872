"""Every text of app/, widgets/ and engine/ has a finished Simplified Chinese translation.

The check runs lupdate on a copy of the committed .ts file, so a text added anywhere
without a translation fails here; refresh with ``tests/tools/update_translations.py``.
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app import language

sys.path.insert(0, str(Path(__file__).parent / "tools"))
import update_translations

PLACEHOLDERS = re.compile(r"\{[A-Za-z_0-9]*\}|%\d|%n")


def test_every_text_has_a_finished_chinese_translation():
    missing = update_translations.check()
    assert missing == [], (
        f"{len(missing)} text(s) lack a zh_CN translation; run "
        "`uv run python tests/tools/update_translations.py`, translate them in "
        f"{update_translations.TS_FILE.name} and run it again: {missing[:10]}"
    )


def _messages():
    root = ET.parse(update_translations.TS_FILE).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message.findtext("source"), message


def test_translations_keep_every_placeholder_and_are_chinese():
    for context, source, message in _messages():
        translation = message.findtext("translation") or ""
        assert sorted(PLACEHOLDERS.findall(source)) == sorted(PLACEHOLDERS.findall(translation)), (
            context,
            source,
            translation,
        )
        words = re.sub(r"\{[^}]*\}|<[^>]*>|&\w+;", "", source)
        if re.search(r"[A-Za-z]{4,}", words) and "Backprop" not in source:
            # A sentence, not a symbol or a formula: the translation must be Chinese.
            assert re.search(r"[\u4e00-\u9fff]", translation), (context, source)


def test_the_compiled_file_matches_the_translations(tmp_path):
    compiled = tmp_path / "check.qm"
    update_translations.lrelease(update_translations.TS_FILE, compiled)
    committed = update_translations.TS_FILE.with_suffix(".qm")
    assert committed.read_bytes() == compiled.read_bytes(), "run update_translations.py"


@pytest.fixture
def chinese(qapp):
    assert language.apply_language(language.CHINESE)
    yield
    language.apply_language(language.ENGLISH)


def test_the_window_speaks_the_notes_terms(qtbot, settings, chinese):
    from app.main_window import MainWindow

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.step_once()
    qtbot.wait(20)
    assert window.windowTitle() == "反向传播实验室"
    tabs = [window.explain_tabs.tabText(i) for i in range(window.explain_tabs.count())]
    assert "链式法则" in tabs
    text = window.chain_rule_view.toPlainText()
    for term in ("前向传播", "反向传播（链式法则）", "梯度下降", "步长 η"):
        assert term in text, term
    assert window.parabola_dock.windowTitle() == "曲线上的梯度下降"
    # Qt's own dialogs and buttons come in Chinese too (qtbase_zh_CN).
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
