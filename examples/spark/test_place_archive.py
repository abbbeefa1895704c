"""The Spark job in local mode (local[2]) on a few hundred fixture articles, checked against
`adslot batch` line for line; Parquet input (nested and as JSON text) and several devices.

Needs pyspark, pyarrow, the adslot package and the `adslot` command (`$ADSLOT_BIN`, else
`target/release/adslot`); `bindings/python/ci.sh` provides them all.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import adslot

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = REPO / "tests" / "fixtures"
sys.path.insert(0, str(HERE))
import place_archive  # noqa: E402

RULES = REPO / "rules" / "default.toml"
# Anchors and [[when]] sets by section, type and tags: the metadata columns matter.
WHEN_RULES = REPO / "bindings" / "python" / "tests" / "fixtures" / "anchors-when.toml"


def adslot_bin() -> Path:
    for c in (os.environ.get("ADSLOT_BIN"),
              os.environ.get("CARGO_TARGET_DIR") and Path(os.environ["CARGO_TARGET_DIR"]) / "release" / "adslot",
              REPO / "target" / "release" / "adslot"):
        if c and Path(c).is_file():
            return Path(c)
    raise RuntimeError("the adslot command is needed: cargo build --release, or set ADSLOT_BIN")


def good_articles(copies: int):
    """Every fixture article, `copies` times, each copy with an id of its own."""
    paths = [FIXTURES / "upi-xi-global-internet.json", *sorted((FIXTURES / "real").glob("*.json")),
             *sorted((FIXTURES / "cli").glob("*.json")), FIXTURES / "bad" / "ads-on-page.json",
             FIXTURES / "bad" / "no-headlines.json"]
    out = []
    for k in range(copies):
        for p in paths:
            a = json.loads(p.read_text())
            a["id"] = f"{p.stem}-{k}"
            out.append(a)
    return out


BAD_LINES = [
    '{"id": "bad-kind", "blocks": [{"kind": "paragrap"}]}',
    '{"id": "bad-height", "blocks": [{"kind": "image", "height_px": -5}]}',
    '{"id": "bad-key", "blocks": [{"kind": "paragraph", "txt": "x"}]}',
    '{"id": "truncated", "blocks": [',
    "not json at all",
    "",
]


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    # Local mode talks to itself only: on the loopback address, whatever the host's name says.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("adslot-test")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               # Several partitions per file, so a file is placed by more than one task.
               .config("spark.sql.files.maxPartitionBytes", str(512 * 1024))
               .config("spark.driver.memory", "2g")
               .getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A JSON Lines archive: the fixture articles 8 times over, bad lines among them."""
    d = tmp_path_factory.mktemp("archive")
    lines = [json.dumps(a) for a in good_articles(8)]
    for i, bad in enumerate(BAD_LINES):
        lines.insert(37 * (i + 1), bad)
    path = d / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path, lines


def batch(path: Path, device: str, rules: Path = RULES):
    r = subprocess.run([str(adslot_bin()), "batch", "--rules", str(rules), "--device", device],
                       stdin=path.open("rb"), capture_output=True, timeout=600)
    assert r.returncode in (0, 3), r.stderr.decode()
    return [json.loads(l) for l in r.stdout.decode().splitlines()]


def batch_without_metadata(tmp_path: Path, articles, rules: Path):
    bare = tmp_path / "bare.jsonl"
    keys = ("section", "type", "tags")
    bare.write_text("\n".join(json.dumps({k: v for k, v in a.items() if k not in keys})
                              for a in articles) + "\n")
    return batch(bare, "desktop", rules)


def read_output(path: Path):
    return pq.read_table(str(path)).to_pylist()


def check_against_batch(answers, rows, device):
    """Every batch answer has its rows in the job's output, and the output has no others."""
    placed = {}
    errors = []
    for r in rows:
        if r["error"] is None:
            assert r["device"] == device
            placed.setdefault(r["article_id"], []).append(r)
        else:
            errors.append(r)
    seen_errors = 0
    for a in answers:
        if "error" in a:
            m = re.match(r"^<stdin>:(\d+)(?::(\d+))?: (.*)$", a["error"])
            assert m, a
            column = int(m[2]) if m[2] else None
            matches = [e for e in errors if e["article_id"] == a["id"] and e["error"] == m[3]
                       and e["error_column"] == column]
            assert len(matches) == 1, (a, errors)
            seen_errors += 1
            continue
        assert a["id"] is not None
        got = sorted(placed.pop(a["id"], []), key=lambda r: r["ordinal"])
        expected = [dict(slot=p["slot"], ordinal=p["ordinal"], gap=p["before_block"],
                         top_px=p["top_px"], height_px=p["height_px"], anchor=p["anchor"],
                         words_above=p["words_above"]) for p in a["placements"]]
        assert [{k: r[k] for k in expected[0]} for r in got] == expected if expected else got == [], a["id"]
    assert placed == {}, "rows for articles batch did not place"
    assert seen_errors == len(errors)


def test_jsonl_archive_is_batch_line_for_line(spark, archive, tmp_path):
    path, lines = archive
    assert len(lines) >= 300
    out = tmp_path / "placements"
    place_archive.place_archive(spark, str(RULES), [str(path)], str(out), ["mobile"])
    assert spark.read.text(str(path)).rdd.getNumPartitions() > 1
    rows = read_output(out)
    answers = batch(path, "mobile")
    assert len(answers) == len(lines)
    assert sum(1 for a in answers if "error" in a) == len(BAD_LINES)
    check_against_batch(answers, rows, "mobile")
    assert all(r["source"].endswith("articles.jsonl") for r in rows)
    # batch words the error without the reader's hint; the job keeps the hint apart.
    hints = {r["article_id"] or r["error"]: r["error_help"] for r in rows if r["error"] is not None}
    assert hints["expected ident"] == "the content looks like plain text, not JSON"
    assert hints["bad-kind"] is None


def test_several_devices_in_one_run(spark, archive, tmp_path):
    path, _ = archive
    out = tmp_path / "placements"
    place_archive.place_archive(spark, str(RULES), [str(path)], str(out), ["mobile", "desktop"])
    rows = read_output(out)
    errors = [r for r in rows if r["error"] is not None]
    # A bad article is one row, whatever the devices: reading does not depend on them.
    assert len(errors) == len(BAD_LINES) and all(r["device"] is None for r in errors)
    for device in ("mobile", "desktop"):
        check_against_batch(batch(path, device), [r for r in rows if r["device"] in (device, None)], device)


def test_parquet_archives_nested_and_as_text(spark, tmp_path):
    articles = good_articles(2)
    for i, a in enumerate(articles):
        # Metadata on some articles only: nulls in the nested columns for the others.
        if i % 3 == 0:
            a["section"] = "Business"
        elif i % 3 == 1:
            a.update(type="liveblog", tags=["breaking", "politics"], lang="en")
    jsonl = tmp_path / "good.jsonl"
    jsonl.write_text("\n".join(json.dumps(a) for a in articles) + "\n")
    # Nested columns, as a data team's archive is: spark.read.json's schema, nulls and all.
    nested = tmp_path / "nested.parquet"
    spark.read.json(str(jsonl)).write.parquet(str(nested))
    out = tmp_path / "from-nested"
    place_archive.place_archive(spark, str(WHEN_RULES), [str(nested)], str(out), ["desktop"])
    answers = batch(jsonl, "desktop", WHEN_RULES)
    check_against_batch(answers, read_output(out), "desktop")
    # The sets did apply: their plans differ from the plans without the metadata.
    bare = batch_without_metadata(tmp_path, articles, WHEN_RULES)
    assert any(a["placements"] != b["placements"] for a, b in zip(answers, bare))
    # One string column of article JSON, among others.
    text = tmp_path / "text.parquet"
    rows = [(a["id"], json.dumps(a), "https://example.com/" + a["id"]) for a in articles]
    spark.createDataFrame(rows, "key string, body string, url string").write.parquet(str(text))
    out = tmp_path / "from-text"
    place_archive.place_archive(spark, str(RULES), [str(text)], str(out), ["desktop"],
                                article_column="body")
    check_against_batch(batch(jsonl, "desktop"), read_output(out), "desktop")


def test_run_errors_fail_on_the_driver(spark, archive, tmp_path):
    path, _ = archive
    with pytest.raises(SystemExit, match="unknown device `watch`"):
        place_archive.place_archive(spark, str(RULES), [str(path)], str(tmp_path / "x"), ["watch"])
    bad = tmp_path / "bad.toml"
    bad.write_text("[spacing]\nmin_word_between = 1\n")
    with pytest.raises(adslot.RulesError, match="did you mean `min_words_between`"):
        place_archive.place_archive(spark, str(bad), [str(path)], str(tmp_path / "x"), [])
