"""Places every article of an archive with adslot on Spark executors and writes the placements.

    spark-submit place_archive.py --rules rules.toml --input archive/ --output placements/ \
        [--input-format jsonl|parquet] [--device mobile --device desktop] [--article-column C]

Input: JSON Lines (one article per line, as `adslot batch` reads) or Parquet with one article
per row, either as nested columns `blocks` and `id`, `lang`, `section`, `tags`, `type` (what `spark.read.json` makes of the
archive; other columns are ignored) or as a string column of article JSON (`--article-column`).
The rule file is read on the driver and shipped as text; each partition loads it once.

Output: Parquet, one row per placement: source (input file), article_id, device, slot,
ordinal, gap (the slot goes before block `gap`), top_px, height_px, anchor, words_above, and
`error` null. An article that cannot be read is one row of its own with `error` (the
library's message, as `adslot batch` words it; `error_column` where a JSON line has one;
`error_help`, a hint such as "the content looks like plain text, not JSON") and the placement
columns null:
one bad article never fails the job. An article placed with no ads has no rows.
"""

import argparse
import os
import sys
from typing import Iterator, List, Optional

import pyarrow as pa

OUTPUT_SCHEMA = pa.schema([
    ("source", pa.string()),
    ("article_id", pa.string()),
    ("device", pa.string()),
    ("slot", pa.string()),
    ("ordinal", pa.int32()),
    ("gap", pa.int32()),
    ("top_px", pa.int64()),
    ("height_px", pa.int64()),
    ("anchor", pa.bool_()),
    ("words_above", pa.int64()),
    ("error", pa.string()),
    ("error_column", pa.int32()),
    ("error_help", pa.string()),
])
OUTPUT_DDL = (
    "source string, article_id string, device string, slot string, ordinal int, gap int, "
    "top_px bigint, height_px bigint, anchor boolean, words_above bigint, error string, "
    "error_column int, error_help string"
)


def _article_id(article) -> Optional[str]:
    """The id of an article that could not be placed, when it can be told (as `adslot batch`)."""
    if isinstance(article, dict):
        value = article.get("id")
        return value if isinstance(value, str) else None
    import json

    try:
        value = json.loads(article).get("id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


# The article keys besides `blocks` a nested archive may have (`type` picks `[[when]]` sets, as
# `section` and `tags` do).
ARTICLE_KEYS = ("id", "lang", "section", "tags", "type")


def _clean(row: dict) -> dict:
    """A nested Parquet row as the JSON article shape: Spark's nulls for absent keys dropped."""
    article = {"blocks": [{k: v for k, v in b.items() if v is not None} for b in row["blocks"] or []]}
    for key in ARTICLE_KEYS:
        if row.get(key) is not None:
            article[key] = row[key]
    return article


def place_partition(rules_text: str, rules_name: str, devices: List[str], nested: bool):
    """The function mapInArrow runs on each partition: rules loaded once, then every batch."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import adslot

        rules = adslot.Rules.from_toml(rules_text, name=rules_name)
        threads = _task_cpus()
        for batch in batches:
            sources = batch.column("source").to_pylist()
            if nested:
                articles = [_clean(r) for r in batch.select(["blocks", *ARTICLE_KEYS]).to_pylist()]
                fmt = None
            else:
                articles = batch.column("article").to_pylist()
                fmt = "json"
            # A null article (a null string column value) is an error of its own.
            readable = [i for i, a in enumerate(articles) if a is not None]
            cols = {name: [] for name in OUTPUT_SCHEMA.names}

            def add(**row):
                for name in OUTPUT_SCHEMA.names:
                    cols[name].append(row.get(name))

            for i in range(len(articles)):
                if articles[i] is None:
                    add(source=sources[i], error="the article is null")
                elif not nested and not articles[i].strip():
                    # As `adslot batch`: a blank line holds no article.
                    add(source=sources[i], error="blank line (expected an article)")
            readable = [i for i in readable if nested or articles[i].strip()]
            errors_done = set()
            for device in devices:
                plans = adslot.place_many([articles[i] for i in readable], rules, device,
                                          threads=threads, format=fmt, return_exceptions=True,
                                          names=[sources[i] for i in readable])
                for i, plan in zip(readable, plans):
                    if isinstance(plan, adslot.Error):
                        # Reading does not depend on the device: one row per bad article.
                        if i not in errors_done:
                            errors_done.add(i)
                            p = plan.problems[0] if plan.problems else None
                            add(source=sources[i], article_id=_article_id(articles[i]),
                                error=p.message if p else str(plan),
                                error_column=p.column if p else None,
                                error_help=p.help if p else None)
                        continue
                    for pl in plan["placements"]:
                        add(source=sources[i], article_id=plan["id"], device=device,
                            slot=pl["slot"], ordinal=pl["ordinal"], gap=pl["before_block"],
                            top_px=pl["top_px"], height_px=pl["height_px"], anchor=pl["anchor"],
                            words_above=pl["words_above"])
            yield pa.RecordBatch.from_pydict(cols, schema=OUTPUT_SCHEMA)

    return run


def _task_cpus() -> int:
    """The cores each task may use (`spark.task.cpus`): the Rust pool gets that many threads, so
    the executors' task slots are not oversubscribed."""
    from pyspark import TaskContext

    ctx = TaskContext.get()
    return max(1, ctx.cpus()) if ctx is not None else 1


def read_archive(spark, inputs: List[str], input_format: str, article_column: Optional[str]):
    """The archive as a DataFrame of `source` and either `article` (JSON text) or the nested
    article columns; and whether it is nested."""
    from pyspark.sql import functions as F

    source = F.col("_metadata.file_path").alias("source")
    if input_format == "jsonl":
        df = spark.read.text(inputs)
        return df.select(source, F.col("value").alias("article")), False
    df = spark.read.parquet(*inputs)
    if article_column:
        return df.select(source, F.col(article_column).cast("string").alias("article")), False
    missing = [c for c in ("blocks",) if c not in df.columns]
    if missing:
        raise SystemExit(
            f"the Parquet input has no `blocks` column: give the column of article JSON with "
            f"--article-column (columns: {', '.join(df.columns)})")
    cols = [source, F.col("blocks")]
    for key in ARTICLE_KEYS:
        kind = "array<string>" if key == "tags" else "string"
        cols.append((F.col(key) if key in df.columns else F.lit(None)).cast(kind).alias(key))
    return df.select(*cols), True


def place_archive(spark, rules_path: str, inputs: List[str], output: str, devices: List[str],
                  input_format: Optional[str] = None, article_column: Optional[str] = None):
    """Places the archive at `inputs` and writes the placements to `output` (overwritten)."""
    import adslot

    with open(rules_path, encoding="utf-8") as f:
        rules_text = f.read()
    # Fail on the driver, before any task: a bad rule file or an unknown device is the run's
    # error, not every article's.
    rules = adslot.Rules.from_toml(rules_text, name=rules_path)
    devices = devices or [rules.default_device]
    unknown = [d for d in devices if d not in rules.devices]
    if unknown:
        raise SystemExit(f"unknown device `{unknown[0]}` (the rules define: {', '.join(rules.devices)})")
    fmt = input_format or ("parquet" if all(p.rstrip("/").endswith(".parquet") for p in inputs) else "jsonl")
    if __name__ != "__main__":
        # Imported (a notebook, a test, another job): the executors import this module to run
        # place_partition, so ship it. spark-submit's own script is shipped already.
        spark.sparkContext.addPyFile(os.path.abspath(__file__))
    df, nested = read_archive(spark, inputs, fmt, article_column)
    placed = df.mapInArrow(place_partition(rules_text, rules_path, devices, nested), OUTPUT_DDL)
    placed.write.mode("overwrite").parquet(output)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", required=True, help="the rule file (TOML)")
    parser.add_argument("--input", required=True, action="append", help="archive files or folders")
    parser.add_argument("--output", required=True, help="folder for the placements (Parquet)")
    parser.add_argument("--device", action="append", default=[], help="device (repeat for several)")
    parser.add_argument("--input-format", choices=["jsonl", "parquet"])
    parser.add_argument("--article-column", help="Parquet: the string column holding article JSON")
    args = parser.parse_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("adslot place_archive").getOrCreate()
    try:
        place_archive(spark, args.rules, args.input, args.output, args.device,
                      args.input_format, args.article_column)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
