"""Closing-note figures of the Python package, side by side with the Rust call and the command.

    python bindings/python/bench/bench.py [--runs 7] [--articles 5000] [--spark]

- `place` from Python on the 2,000-word article of `cargo bench --bench place -- 2000-words`
  (the first 2,000 words of tests/fixtures/real/blogger.json, default rules), dict conversion
  included; compare with that bench's medians, run just before or after.
- `place_many` on `--articles` fixture articles (dicts, and JSON text) against `adslot batch` on
  the same articles as JSON Lines, and against `adslot place` run once per article.
- `--spark`: the examples/spark job in local[2] against `adslot batch --threads 2`, and the same
  job with a pass-through partition function (Spark's own read, transfer and write).

Medians of `--runs` runs. The `adslot` command is $ADSLOT_BIN, else target/release/adslot under
$CARGO_TARGET_DIR.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import adslot

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures"
RULES = REPO / "rules" / "default.toml"


def adslot_bin() -> str:
    if os.environ.get("ADSLOT_BIN"):
        return os.environ["ADSLOT_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return str(target / "release" / "adslot")


def words(text: str) -> int:
    """adslot's word count for Latin text: whitespace-separated runs holding an alphanumeric."""
    return sum(1 for t in text.split() if any(c.isalnum() for c in t))


def first_2000_words() -> dict:
    """benches/place.rs's 2000-words article: blocks kept while fewer than 2,000 words precede."""
    article = json.loads((FIXTURES / "real" / "blogger.json").read_text())
    kept, seen = [], 0
    for block in article["blocks"]:
        if seen < 2000:
            kept.append(block)
        seen += words(block.get("text", ""))
    article["blocks"] = kept
    return article


def fixture_articles(n: int) -> list:
    paths = [FIXTURES / "upi-xi-global-internet.json", *sorted((FIXTURES / "real").glob("*.json")),
             *sorted((FIXTURES / "cli").glob("*.json"))]
    base = [json.loads(p.read_text()) for p in paths]
    out = []
    for i in range(n):
        a = dict(base[i % len(base)])
        a["id"] = f"{i}"
        out.append(a)
    return out


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_call(fn, runs: int, calls: int) -> float:
    """Median over `runs` of the mean time of `calls` calls."""
    def many():
        for _ in range(calls):
            fn()
    return median_time(many, runs) / calls


def bench_place(rules, runs: int) -> None:
    article = first_2000_words()
    print(f"2000-words article: {len(article['blocks'])} blocks, "
          f"{sum(words(b.get('text', '')) for b in article['blocks'])} words")
    text = json.dumps(article)
    for device in ("mobile", "desktop"):
        d = per_call(lambda: adslot.place(article, rules, device), runs, 2000)
        t = per_call(lambda: adslot.place(text, rules, device, format="json"), runs, 2000)
        print(f"  place/{device}: dict {d * 1e6:.1f} us, JSON text {t * 1e6:.1f} us")


def bench_many(rules, n: int, runs: int) -> None:
    articles = fixture_articles(n)
    texts = [json.dumps(a) for a in articles]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "articles.jsonl"
        path.write_text("\n".join(texts) + "\n")

        def batch(*extra):
            with path.open("rb") as f:
                subprocess.run([adslot_bin(), "batch", "--rules", str(RULES), *extra], stdin=f,
                               stdout=subprocess.DEVNULL, check=True)

        rows = [
            ("adslot batch (2 threads)", lambda: batch("--threads", "2")),
            ("place_many, dicts", lambda: adslot.place_many(articles, rules)),
            ("place_many, JSON text", lambda: adslot.place_many(texts, rules, format="json")),
            ("place in a loop, dicts", lambda: [adslot.place(a, rules) for a in articles]),
        ]
        results = {}
        for name, fn in rows:
            results[name] = median_time(fn, runs)
        base = results["adslot batch (2 threads)"]
        print(f"{n} fixture articles, default rules, mobile:")
        for name, t in results.items():
            print(f"  {name}: {t * 1e3:.0f} ms ({n / t:,.0f} articles/s, {t / base:.2f}x batch)")
        # The command once per article: a few hundred are enough to know its per-article cost.
        k = min(200, n)
        one = Path(d) / "one.json"

        def each():
            for i in range(k):
                one.write_text(texts[i])
                subprocess.run([adslot_bin(), "place", str(one), "--rules", str(RULES)],
                               stdout=subprocess.DEVNULL, check=True)
        t = median_time(each, max(3, runs // 2)) / k
        print(f"  adslot place per article ({k} runs): {t * 1e3:.2f} ms each "
              f"({1 / t:,.0f} articles/s, {t * n / base:.0f}x batch)")


def bench_spark(n: int, runs: int) -> None:
    sys.path.insert(0, str(REPO / "examples" / "spark"))
    import place_archive
    import pyarrow as pa
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master("local[2]").appName("adslot-bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    texts = [json.dumps(a) for a in fixture_articles(n)]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "articles.jsonl"
        path.write_text("\n".join(texts) + "\n")
        out = str(Path(d) / "out")

        def job():
            place_archive.place_archive(spark, str(RULES), [str(path)], out, ["mobile"])

        def passthrough():
            # Spark alone: read, hand each batch to Python over Arrow, write; no placing.
            from pyspark.sql import functions as F

            def run(batches):
                for b in batches:
                    yield pa.RecordBatch.from_pydict(
                        {"source": b.column("source"), "n": pa.array([len(x or "") for x in b.column("article").to_pylist()], pa.int64())})
            df = spark.read.text(str(path)).select(F.col("_metadata.file_path").alias("source"),
                                                   F.col("value").alias("article"))
            df.mapInArrow(run, "source string, n bigint").write.mode("overwrite").parquet(out)

        def batch():
            with path.open("rb") as f:
                subprocess.run([adslot_bin(), "batch", "--rules", str(RULES), "--threads", "2"],
                               stdin=f, stdout=subprocess.DEVNULL, check=True)
        job()  # JVM and Python workers warm
        parts = spark.read.text(str(path)).rdd.getNumPartitions()
        results = {"adslot batch --threads 2": median_time(batch, runs),
                   "Spark job, local[2]": median_time(job, runs),
                   "Spark pass-through (no placing)": median_time(passthrough, runs)}
        print(f"Spark, {n} articles ({path.stat().st_size / 1e6:.1f} MB, {parts} partitions):")
        base = results["adslot batch --threads 2"]
        for name, t in results.items():
            print(f"  {name}: {t:.2f} s ({n / t:,.0f} articles/s)")
        over = (results["Spark job, local[2]"] - base) / n
        print(f"  Spark's overhead per article: {over * 1e6:.0f} us")
    spark.stop()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--articles", type=int, default=5000)
    p.add_argument("--spark", action="store_true")
    p.add_argument("--only-spark", action="store_true")
    args = p.parse_args()
    rules = adslot.Rules.from_path(RULES)
    if not args.only_spark:
        bench_place(rules, args.runs)
        bench_many(rules, args.articles, args.runs)
    if args.spark or args.only_spark:
        bench_spark(args.articles, max(3, args.runs // 2))


if __name__ == "__main__":
    main()
