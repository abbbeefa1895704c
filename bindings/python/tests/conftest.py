"""Shared fixtures: the repository's fixture files and the `adslot` command to compare with.

The command is `$ADSLOT_BIN`, else `target/release/adslot` under `$CARGO_TARGET_DIR` or the
repository; `ci.sh` builds it. Tests compare the package with it, so a missing command is an
error, never a skip.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

import adslot

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures"
RULES_DIR = REPO / "rules"
# The binding's own: rules that exercise every anchor position and [[when]] sets.
OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _adslot_bin() -> Path:
    candidates = []
    if os.environ.get("ADSLOT_BIN"):
        candidates.append(Path(os.environ["ADSLOT_BIN"]))
    if os.environ.get("CARGO_TARGET_DIR"):
        candidates.append(Path(os.environ["CARGO_TARGET_DIR"]) / "release" / "adslot")
    candidates.append(REPO / "target" / "release" / "adslot")
    for c in candidates:
        if c.is_file():
            return c
    raise RuntimeError(
        "the adslot command is needed to compare with: build it (cargo build --release) "
        f"or set ADSLOT_BIN; looked at {', '.join(map(str, candidates))}"
    )


class Cli:
    """Runs the `adslot` command."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, *args: str, input: bytes = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.path), *map(str, args)],
            input=input,
            capture_output=True,
            cwd=REPO,
            timeout=120,
        )

    def ok(self, *args: str, input: bytes = None) -> str:
        r = self.run(*args, input=input)
        assert r.returncode == 0, r.stderr.decode()
        return r.stdout.decode()

    def json(self, *args: str) -> dict:
        return json.loads(self.ok(*args))

    def error(self, *args: str) -> str:
        """The message of a command that fails (its stderr without `error: `)."""
        r = self.run(*args)
        assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
        text = r.stderr.decode().rstrip("\n")
        assert text.startswith("error: "), text
        return text[len("error: "):]


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(_adslot_bin())


def real_articles():
    """The 39 real article bodies, as (name, JSON path, HTML path)."""
    out = []
    for j in sorted((FIXTURES / "real").glob("*.json")):
        out.append((j.stem, j, j.with_suffix(".html")))
    assert len(out) >= 39
    return out


def json_fixtures():
    """Every valid JSON article fixture: the seed, the real bodies, the CLI's own."""
    paths = [FIXTURES / "upi-xi-global-internet.json"]
    paths += sorted((FIXTURES / "real").glob("*.json"))
    paths += sorted((FIXTURES / "cli").glob("*.json"))
    paths += [FIXTURES / "bad" / n for n in ("ads-on-page.json", "empty.json", "no-headlines.json")]
    return paths


def rule_files():
    return [RULES_DIR / "default.toml", RULES_DIR / "upi.toml", FIXTURES / "cli" / "px-spacing.toml",
            FIXTURES / "cli" / "long-slot.toml", OWN_FIXTURES / "anchors-when.toml"]


@pytest.fixture(scope="session")
def upi() -> adslot.Rules:
    return adslot.Rules.from_path(RULES_DIR / "upi.toml")


@pytest.fixture(scope="session")
def default_rules() -> adslot.Rules:
    return adslot.Rules.from_path(RULES_DIR / "default.toml")


def to_markdown(article: dict) -> str:
    """A JSON article written as Markdown, one block per paragraph (the test's own writer)."""
    parts = []
    for b in article["blocks"]:
        text = " ".join(b.get("text", "").split())
        kind = b["kind"]
        if kind == "headline":
            parts.append(f"# {text}" if text else "#")
        elif kind == "heading":
            parts.append(f"## {text}" if text else "##")
        elif kind == "quote":
            parts.append(f"> {text}")
        elif kind == "list":
            parts.append(f"- {text}")
        elif kind == "image":
            parts.append("![photo](photo.jpg)")
        elif text:
            parts.append(text.replace("*", "\\*").replace("_", "\\_").replace("#", "\\#"))
    return "\n\n".join(parts) + "\n"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    """Relative paths name files as the command (run from the repository) names them."""
    monkeypatch.chdir(REPO)
