"""Helpers for the browser tests: axe-core checks, named screenshots, pages printed to PDF."""

import io
import os
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"
SERIOUS_IMPACTS = frozenset({"serious", "critical"})

# axe-core ships inside axe-playwright-python (axe.min.js): nothing is downloaded.
_axe = Axe()


def axe_violations(page, context=None) -> list[dict]:
    """Run axe-core on the page as it is now; return its serious and critical violations.

    Each violation is axe-core's own dict (``id``, ``impact``, ``help``, ``helpUrl``,
    ``nodes``...). ``context`` limits the check to part of the page, e.g. ``"main"``.
    """
    results = _axe.run(page, context=context)
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    """One line per violation, for a test report or an assertion message."""
    return "\n".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} element(s)): {v['help']} {v['helpUrl']}"
        for v in violations
    )


def screenshot_dir() -> Path:
    """``$SCREENSHOT_DIR`` (a relative path counts from the repository root), by default
    ``artifacts/screenshots``."""
    configured = os.environ.get("SCREENSHOT_DIR")
    if not configured:
        return DEFAULT_SCREENSHOT_DIR
    return REPO_ROOT / configured  # an absolute path stays as it is


def save_screenshot(page, name: str, **options) -> Path:
    """Save a PNG of the page as ``<screenshot dir>/<name>.png``; return its path.

    ``options`` go to ``page.screenshot`` (e.g. ``full_page=True``).
    """
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise ValueError(f"screenshot name must be a plain file name, not {name!r}")
    path = screenshot_dir() / (name if name.endswith(".png") else f"{name}.png")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, **options)
    return path


def printed_text(page) -> str:
    """The text of ``page`` printed to PDF on A4 (the print stylesheet), as a reader of the
    PDF gets it."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "\n".join(sheet.extract_text() for sheet in reader.pages)
