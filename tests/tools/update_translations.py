"""Refresh the Chinese translation file from the sources, compile it, or check it is complete.

``uv run python tests/tools/update_translations.py``          lupdate + lrelease
``uv run python tests/tools/update_translations.py --check``  list unfinished texts (exit 1)

lupdate reads every ``self.tr("...")``, ``QCoreApplication.translate("Context", "...")`` and
``QT_TRANSLATE_NOOP("Context", "...")`` in ``app/``, ``widgets/`` and ``engine/`` into
``resources/translations/backprop_lab_zh_CN.ts``, keeping the translations already made and
dropping texts that are gone; lrelease compiles it into the ``.qm`` file the app loads.
The file has no source line numbers, so moving code does not change it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("app", "widgets", "engine")
TS_FILE = ROOT / "resources" / "translations" / "backprop_lab_zh_CN.ts"


def tool(name: str) -> str:
    """A Qt tool that PySide6-Essentials installs beside the interpreter."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; it comes with PySide6-Essentials (uv sync)")
    return found


def source_files() -> list[str]:
    """Every Python file lupdate reads, relative to the project root, in a stable order."""
    return sorted(str(p.relative_to(ROOT)) for d in SOURCES for p in (ROOT / d).rglob("*.py"))


def lupdate(ts_file: Path) -> None:
    """Bring ``ts_file`` up to date with the sources (created if missing)."""
    command = [tool("pyside6-lupdate"), *source_files(), "-locations", "none", "-no-obsolete"]
    command += ["-target-language", "zh_CN", "-ts", str(ts_file)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def lrelease(ts_file: Path, qm_file: Path | None = None) -> None:
    """Compile ``ts_file`` into ``qm_file`` (default: beside it, with .qm)."""
    qm_file = qm_file or ts_file.with_suffix(".qm")
    command = [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def unfinished(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished, non-empty translation."""
    missing = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [] if translation is None else list(translation.iter("numerusform"))
            texts = [f.text for f in forms] if forms else [getattr(translation, "text", None)]
            done = (
                translation is not None
                and translation.get("type") not in ("unfinished", "vanished", "obsolete")
                and all(t and t.strip() for t in texts)
            )
            if not done:
                missing.append((name, message.findtext("source") or ""))
    return missing


def check() -> list[tuple[str, str]]:
    """Run lupdate on a copy of the committed file: what the sources need but lacks."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / TS_FILE.name
        if TS_FILE.exists():
            shutil.copy(TS_FILE, copy)
        lupdate(copy)
        return unfinished(copy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list unfinished texts")
    args = parser.parse_args(argv)
    if args.check:
        missing = check()
        for context, source in missing:
            print(f"{context}: {source!r}")
        print(f"{len(missing)} text(s) without a finished zh_CN translation")
        return 1 if missing else 0
    lupdate(TS_FILE)
    lrelease(TS_FILE)
    missing = unfinished(TS_FILE)
    print(f"updated {TS_FILE.relative_to(ROOT)} and its .qm; {len(missing)} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
