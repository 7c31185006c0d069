#!/usr/bin/env bash
# Install the Debian packages given as arguments when they are missing.
# As root this installs them; otherwise it says what to install and exits non-zero when
# --required is given (tests), or only warns (the app explains at run time what is missing).
set -euo pipefail
required=no
if [ "${1:-}" = "--required" ]; then required=yes; shift; fi
missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing Debian packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
[ "$required" = yes ] && exit 1
exit 0
