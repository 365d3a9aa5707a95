#!/usr/bin/env bash
# The test command: install if needed (the project, and LibreOffice and Chromium from Debian),
# lint, type-check, then pytest (which starts and stops its own SeaweedFS and Prefect servers).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/system-packages.sh
bash deploy/bootstrap.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# Four workers, one test file each at a time: most tests wait on servers, not on the CPU. The
# files in the order tests/conftest.py sets (the longest waits first), not reordered by size.
exec .venv/bin/pytest -n "${THIDUA_TEST_WORKERS:-4}" --dist loadfile --no-loadscope-reorder "$@"
