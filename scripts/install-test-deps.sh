#!/usr/bin/env bash
# What the tests need besides the .NET SDK: Debian's chromium (the web page test drives it with
# Playwright; no browser is downloaded), fpcalc (Chromaprint; the fingerprint tests skip without it) and
# Debian's python3-mutagen (a tag writer independent of TagLibSharp, used as Picard would write tags).
# Installs the missing ones with apt-get when run as root; otherwise says what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v fpcalc >/dev/null || missing+=(libchromaprint-tools)
/usr/bin/python3 -c 'import mutagen' 2>/dev/null || missing+=(python3-mutagen)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "The tests need: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
