"""The window's language: the system's or the chosen one, switched live and remembered."""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
)

from app import language
from app.main_window import MainWindow
from engine.messages import format_value

TOOLS = Path(__file__).parent / "tools"
sys.path.insert(0, str(TOOLS))
import update_translations  # noqa: E402

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Backprop Lab</source>
        <translation>反向传播实验室</translation>
    </message>
</context>
</TS>
"""


def lrelease() -> str:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    assert found, "pyside6-lrelease comes with PySide6-Essentials"
    return found


@pytest.fixture
def english(qapp):
    """Whatever a test installs, the next test starts in English again."""
    language.apply_language(language.ENGLISH)
    yield
    language.apply_language(language.ENGLISH)
    assert not qapp.findChildren(QTranslator, "backprop_lab_translator")


def test_a_translation_is_picked_up_without_code_changes(qtbot, tmp_path, settings, english):
    source = tmp_path / "backprop_lab_zh_CN.ts"
    source.write_text(TS, encoding="utf-8")
    subprocess.run([lrelease(), str(source)], check=True, capture_output=True)
    assert language.apply_language(language.CHINESE, str(tmp_path))
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert window.windowTitle() == "反向传播实验室"


def test_a_missing_translation_is_reported_and_leaves_english(qapp, tmp_path, english):
    assert not language.apply_language(language.CHINESE, str(tmp_path))
    assert QCoreApplication.translate("MainWindow", "Backprop Lab") == "Backprop Lab"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # no German: English
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),  # Simplified reads better than English
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en_US:zh_CN"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": ""}, "zh_CN"),
        ({"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),  # gettext ignores LANGUAGE under C
        ({"LC_ALL": "POSIX", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "zh_CN.utf8@pinyin"}, "zh_CN"),
    ],
)
def test_the_system_language_follows_the_environment(environ, expected):
    assert language.system_language(environ) == expected


def test_a_choice_overrides_the_system():
    chinese = {"LANG": "zh_CN.UTF-8"}
    assert language.resolve(language.SYSTEM, chinese) == "zh_CN"
    assert language.resolve(language.ENGLISH, chinese) == "en"
    assert language.resolve(language.CHINESE, {"LANG": "en_US.UTF-8"}) == "zh_CN"
    assert language.resolve("klingon", chinese) == "zh_CN"  # a broken setting: the system


# --- the live switch, with every text pseudo-translated ------------------------------------


def _pseudo_translation(folder: Path) -> None:
    """backprop_lab_zh_CN.qm in ``folder`` with every text of the sources as «text»."""
    ts = folder / "backprop_lab_zh_CN.ts"
    update_translations.lupdate(ts)
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        translation.attrib.pop("type", None)
        text = f"«{message.findtext('source')}»"
        forms = list(translation.iter("numerusform"))
        for form in forms:
            form.text = text
        if not forms:
            translation.text = text
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    update_translations.lrelease(ts)


def _visible_texts(window: MainWindow) -> list[tuple[str, str]]:
    """(where, text) of every text a learner can see or open from the window."""
    texts = [("title", window.windowTitle()), ("dock", window.parabola_dock.windowTitle())]
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window):
            texts.append((f"label {label.objectName()}", label.text()))
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            texts.append((f"button {button.objectName()}", button.text()))
            texts.append((f"tooltip {button.objectName()}", button.toolTip()))
    for box in window.findChildren(QGroupBox):
        texts.append(("group", box.title()))
    for tabs in window.findChildren(QTabWidget):
        texts += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for combo in window.findChildren(QComboBox):
        texts += [(f"combo {combo.objectName()}", combo.itemText(i)) for i in range(combo.count())]
        texts.append((f"placeholder {combo.objectName()}", combo.placeholderText()))
    for menu in window.findChildren(QMenu):
        texts.append(("menu", menu.title()))
        texts += [("action", a.text()) for a in menu.actions() if a.text()]
    model = window.parabola_panel.table.model()
    texts += [("header", model.headerData(i, _HORIZONTAL)) for i in range(model.columnCount())]
    for plot in (window.error_plot.plot, window.parabola_panel.plot.plot):
        texts += [("axis", plot.getAxis(n).labelText) for n in ("left", "bottom")]
    return texts


from PySide6.QtCore import Qt  # noqa: E402

_HORIZONTAL = Qt.Orientation.Horizontal
#: Shown as they are in every language: names of languages in their own words, formulas.
_UNTRANSLATED = {"English", "简体中文"}
_WORD = re.compile(r"[A-Za-z]{3,}")


def _english_left(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (where, text)
        for where, text in texts
        if text and "«" not in text and text not in _UNTRANSLATED and _WORD.search(text)
    ]


def test_choosing_a_language_retranslates_every_text_at_once(
    qtbot, tmp_path, monkeypatch, settings, english
):
    _pseudo_translation(tmp_path)
    monkeypatch.setattr(language, "resource_path", lambda name: str(tmp_path))
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    for _ in range(3):
        window.step_once()
        window.parabola_panel.step()
    window.hand_check.fill_notes()
    qtbot.wait(20)  # the window shows the new values
    window.param_panel.field("w1").setText("abc")  # a message built from a field's name
    assert window.findChild(type(window.language_actions.actions()[0]), "language_system")
    before = _visible_texts(window)
    assert len(_english_left(before)) > 60

    window.findChild(type(window.language_actions.actions()[0]), "language_zh_CN").trigger()
    # Qt posts LanguageChange to the windows: it arrives in the same pass of the event loop.
    qtbot.waitUntil(lambda: window.windowTitle() == "«Backprop Lab»", timeout=1000)

    assert settings.value(language.SETTINGS_KEY) == "zh_CN"
    after = _visible_texts(window)
    assert len(after) == len(before)
    assert _english_left(after) == []
    assert window.windowTitle() == "«Backprop Lab»"
    assert "«Step {step}: forward pass»".replace("{step}", "3") in (
        window.chain_rule_view.toPlainText()
    )
    assert window.param_panel.field("w1").errorMessage().startswith("«")

    window.findChild(type(window.language_actions.actions()[0]), "language_en").trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "Backprop Lab", timeout=1000)
    assert _visible_texts(window) == before
    assert settings.value(language.SETTINGS_KEY) == "en"


def test_the_choice_is_remembered(qtbot, settings, english):
    settings.setValue(language.SETTINGS_KEY, "zh_CN")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    checked = [a.data() for a in window.language_actions.actions() if a.isChecked()]
    assert checked == ["zh_CN"]
    settings.setValue(language.SETTINGS_KEY, "nonsense")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    checked = [a.data() for a in window.language_actions.actions() if a.isChecked()]
    assert checked == ["system"]


# --- the hand check's hints: engine messages, phrased in the window's language -------------

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"[−-]?\d[\d,]*(?:\.\d+)?(?:e[−-]?\d+)?")
#: English words a Chinese hint keeps: symbols and formula names.
_FORMULA_WORDS = {"out", "net", "target", "sigmoid", "MSE", "SSE", "half"}


def _codes(message) -> list[str]:
    """A message's code and those of the messages nested in it."""
    nested = [v for v in message.values.values() if hasattr(v, "code")]
    return [message.code] + [code for m in nested for code in _codes(m)]


def _leaves(message) -> list:
    """The values a message shows as they are: numbers, symbols, formulas."""
    found = []
    for value in message.values.values():
        if hasattr(value, "code"):
            found += _leaves(value)
        else:
            found += list(value) if isinstance(value, tuple) else [value]
    return found


def test_with_lang_zh_cn_the_hand_checks_hints_are_chinese(qtbot, monkeypatch, settings, english):
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language.apply_language(language.resolve(language.SYSTEM))  # as gui.launch does
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    panel = window.hand_check
    panel.fill_notes()  # the notes' numbers: several slips, a consequence, a worked sum
    panel.findChild(QLineEdit, "check_new_b1").setText("-0.3215")  # a sign slip
    panel.check()
    wrong = [f for f in panel.findings() if not f.ok]
    assert {code for f in wrong for code in _codes(f.message)} >= {
        "check.value_flipped",
        "check.follows",
        "check.follows_fix",
        "check.own_also_wrong",
        "check.factor_ten_small",
        "check.wrong_sign",
        "check.digit",
    }
    worked = [f for f in wrong if "worked" in f.message.values]
    assert worked  # a hint with numbers in it
    for finding in wrong:
        shown = panel.findChild(QLabel, f"hint_{finding.key}").text()
        assert _CJK.search(shown), shown
        assert set(_WORD.findall(shown)) <= _FORMULA_WORDS, shown
        # The numbers, symbols and worked sums are the engine's, exactly as in English.
        for value in _leaves(finding.message):
            assert format_value(value) in shown and format_value(value) in finding.hint
    for finding in worked:
        shown = panel.findChild(QLabel, f"hint_{finding.key}").text()
        assert _NUMBER.findall(finding.message.values["worked"])[-1] in shown
    summary = panel.findChild(QLabel, "check_summary").text()
    assert "计算" in summary or _CJK.search(summary)
    assert set(_WORD.findall(re.sub(r"<[^>]+>", "", summary))) <= _FORMULA_WORDS, summary


def test_the_choices_remarks_are_chinese(qtbot, english):
    """ "(as the notes print it)" and "(mean over one output)" came from the engine in
    English into the Chinese window's activation and loss lists."""
    from PySide6.QtWidgets import QComboBox

    from widgets.param_panel import ParamPanel

    assert language.apply_language(language.CHINESE)
    panel = ParamPanel()
    qtbot.addWidget(panel)
    activation = panel.findChild(QComboBox, "activation_choice")
    loss = panel.findChild(QComboBox, "loss_choice")
    flipped = activation.itemText(activation.findData("sigmoid-flipped"))
    mse = loss.itemText(loss.findData("mse"))
    assert flipped.endswith("（与笔记印的一样）"), flipped
    assert mse.endswith("（对一个输出取平均）"), mse
    language.apply_language(language.ENGLISH)  # live: LanguageChange is posted
    qtbot.waitUntil(
        lambda: activation.itemText(activation.findData("sigmoid-flipped")).endswith(
            "(as the notes print it)"
        )
    )
    assert loss.itemText(loss.findData("mse")).endswith("(mean over one output)")


def test_file_errors_are_in_the_windows_words(qapp, english):
    """An OSError's strerror is the C library's English; the usual reasons are ours."""
    import errno

    from app.file_errors import os_reason

    assert os_reason(errno.ENOENT, "No such file or directory") == (
        "the folder or file does not exist"
    )
    assert os_reason(errno.EXDEV, "Invalid cross-device link") == "Invalid cross-device link"
    assert language.apply_language(language.CHINESE)
    assert os_reason(errno.ENOENT, "No such file or directory") == "文件夹或文件不存在"
    assert os_reason(errno.EACCES, "Permission denied") == "你没有权限"


def test_the_shortcuts_and_about_dialogs_are_chinese(qtbot, monkeypatch, settings, english):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[1:3]))
    monkeypatch.setattr(QMessageBox, "about", lambda *a: shown.append(a[1:3]))
    assert language.apply_language(language.CHINESE)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show_shortcuts()
    window.show_about()
    for title, text in shown:
        plain = re.sub(r"<[^>]+>|&nbsp;|Ctrl|Shift|Backprop Lab", "", title + text)
        assert _WORD.findall(plain) == [], (title, text)
    assert "→  或  N" in shown[0][1]
