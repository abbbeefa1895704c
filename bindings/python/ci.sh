#!/usr/bin/env bash
# CI stage of the Python package and the Spark example, from a fresh machine: a venv with
# pytest, pyspark, pyarrow and pandas; the package built and installed the way a user does it
# (`pip install ./bindings/python`, maturin fetched by pip); the `adslot` command the tests
# compare with; then pytest on the package's suite and the Spark job in local mode.
#
# Needs python3 (3.9+, with venv), the Rust toolchain and Java 17 (for Spark). Uses
# $CARGO_TARGET_DIR (default: target/) for the build and its python-ci/ folder for the venv.
# Run it after `cargo bench --no-run` (as .ci/run does) and the release builds reuse its work.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
venv="$target/python-ci/venv"
stage() { printf '== python ci: %s (%ss)\n' "$1" "$SECONDS"; }

stage "venv and test tools"
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
# pandas: pyspark's mapInArrow imports it; pyspark 4 does not support pandas 3 yet.
"$py" -m pip install --quiet --disable-pip-version-check \
    'pytest>=8' 'pyspark>=4,<5' 'pyarrow>=15' 'pandas>=2.2,<3'

stage "clippy of the binding (the root's clippy covers the library alone)"
# .ci/run lints the whole workspace before this stage (ADSLOT_CI_CLIPPY_DONE=1).
if [ -z "${ADSLOT_CI_CLIPPY_DONE:-}" ]; then
    cargo clippy --locked -p adslot-python --all-targets -- -D warnings
fi

stage "adslot command (release, as the tests compare with it)"
# $ADSLOT_BIN when it is given (.ci/run: the one `cargo bench --no-run` built, which the build
# here would only link again with the library built once more without dev-dependency features).
if [ -z "${ADSLOT_BIN:-}" ] || ! [ -x "$ADSLOT_BIN" ]; then
    cargo build --release --locked --bin adslot
    ADSLOT_BIN="$target/release/adslot"
fi
echo "adslot command: $ADSLOT_BIN"

stage "pip install ./bindings/python"
CARGO_TARGET_DIR="$target" "$py" -m pip install --quiet --disable-pip-version-check ./bindings/python
# The installed package is what is tested, not the source tree's python/ folder.
(cd / && "$py" -c "import adslot, sys; print('adslot', adslot.__version__, 'from', adslot.__file__)")

stage "pytest"
export ADSLOT_BIN
# Spark's local mode stays on the loopback address.
export SPARK_LOCAL_IP=127.0.0.1
"$py" -m pytest -q -p no:cacheprovider bindings/python/tests examples/spark
stage "done"
