#!/usr/bin/env bash
# The main job on embedded defaults: install if needed, then `thidua demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/bootstrap.sh
exec .venv/bin/thidua demo "$@"
