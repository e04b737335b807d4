#!/usr/bin/env bash
# Create the virtual environment. Debian ships venv support as a separate package
# (python3-venv); install it when we may, say how when we may not.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
if "$python" -m venv "$venv" 2>/dev/null; then exit 0; fi
rm -rf "$venv"
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing python${version}-venv (needed to create $venv)…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "python${version}-venv" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "python${version}-venv" >/dev/null; }
  exec "$python" -m venv "$venv"
fi
echo "Cannot create $venv: install python${version}-venv first (sudo apt-get install python${version}-venv)." >&2
exit 1
