#!/usr/bin/env bash
# Create .venv and install thidua with its development tools, again only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "thidua cần Python 3.11 trở lên (đang có: $("$python" --version 2>&1))." >&2
  exit 1
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The project's own modules compiled once: with PYTHONDONTWRITEBYTECODE set (as on some machines)
# every process (servers, workers, each flow run) would otherwise compile them again from source.
.venv/bin/python -m compileall -q -j 0 cli deploy flows models portal tasks > /dev/null
