#!/usr/bin/env bash
# The test command: install if needed, lint, type-check, then pytest (which starts and stops
# its own SeaweedFS and Prefect servers). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/bootstrap.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
exec .venv/bin/pytest "$@"
