#!/usr/bin/env bash
# The Debian packages the tests drive: LibreOffice (the dossier's PDF pages) and Chromium (the
# Prefect UI). Installs only what is missing; needs root and apt-get (as on CI and a fresh box).
set -euo pipefail
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui fonts-liberation2)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Cần cài các gói Debian: ${need[*]} (apt-get install, quyền root)." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
