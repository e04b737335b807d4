#!/usr/bin/env bash
# Debian packages the app and its tests need beside Python:
#   run:  Pango, HarfBuzz and fonts for WeasyPrint (the PDF of the yearly overview)
#   test: the same, plus Chromium (browser tests), poppler-utils (reading PDFs in tests)
#         and gettext (the Dutch catalogue check)
# Installs what is missing when it may (root, or sudo without a password); otherwise it
# says what to install and carries on: tests that need a missing tool skip with a reason.
set -uo pipefail
purpose=${1:-run}
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "$purpose" = test ]; then
  packages+=(chromium poppler-utils gettext)
fi
command -v dpkg-query >/dev/null || exit 0   # not Debian: nothing to do here
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "Missing Debian packages: ${missing[*]}"
  echo "Install them with: sudo apt-get install ${missing[*]}"
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; } \
  || echo "Could not install ${missing[*]}; install them by hand."
exit 0
