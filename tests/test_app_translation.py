"""A compiled translation dropped into the translations folder changes the window's text."""

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.gui import install_translation
from app.main_window import MainWindow

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


def test_a_translation_is_picked_up_without_code_changes(qtbot, tmp_path, settings):
    # PySide6-Essentials ships lrelease beside the interpreter of its environment.
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    lrelease = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease comes with PySide6-Essentials"
    source = tmp_path / "backprop_lab_zh_CN.ts"
    source.write_text(TS, encoding="utf-8")
    subprocess.run([lrelease, str(source)], check=True, capture_output=True)
    app = QCoreApplication.instance()
    assert install_translation(app, QLocale("zh_CN"), str(tmp_path))
    try:
        window = MainWindow(settings=settings)
        qtbot.addWidget(window)
        assert window.windowTitle() == "反向传播实验室"
    finally:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)


def test_no_translation_for_a_language_is_fine(qapp):
    assert not install_translation(qapp, QLocale("xx_XX"))
