#!/usr/bin/env bash
# What the tests need besides the .NET SDK: Debian's chromium (the web page test drives it with
# Playwright; no browser is downloaded), fpcalc (Chromaprint; the fingerprint tests skip without it),
# Debian's python3-mutagen (a tag writer independent of TagLibSharp, used as Picard would write tags),
# Debian's python3-fusepy (a FUSE filesystem that stops answering, the stand-in for a dead network share),
# and PostgreSQL with the en_US.UTF-8 locale (the tests start a throw-away server of their own; see
# docs/postgres.md). Installs the missing ones with apt-get when run as root; otherwise says what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v fpcalc >/dev/null || missing+=(libchromaprint-tools)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v locale-gen >/dev/null || missing+=(locales)
/usr/bin/python3 -c 'import mutagen' 2>/dev/null || missing+=(python3-mutagen)
/usr/bin/python3 -c 'import fusepy' 2>/dev/null || missing+=(python3-fusepy)

has_locale() { locale -a 2>/dev/null | grep -qiE '^en_US\.utf-?8$'; }

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "Installing ${missing[*]} with apt-get" >&2
        apt-get update -qq
        # The package's own cluster is not wanted: the tests run their own server in a temporary folder.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/nomarr-tests.conf
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "The tests need: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

# The collation test creates a database in en_US.UTF-8, whose order is not byte order.
if ! has_locale; then
    if [ "$(id -u)" -eq 0 ] && [ -f /etc/locale.gen ]; then
        echo "Generating the en_US.UTF-8 locale" >&2
        sed -i 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen
        grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
        locale-gen >/dev/null
    else
        echo "The PostgreSQL collation test needs the en_US.UTF-8 locale: sudo locale-gen en_US.UTF-8" >&2
    fi
fi
