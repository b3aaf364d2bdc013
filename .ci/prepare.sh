#!/bin/sh
# Brings a bare Debian machine with Node 20 and npm to a state where parsurvey installs and runs:
# pnpm at the pinned version, the workspace's packages from the lockfile, and (with --browser)
# Debian's Chromium for the browser tests, and Debian's PostgreSQL, which the storage tests start
# a throwaway server of (server/src/testing/postgres.ts). Safe to run again: each step is skipped when done.
set -e
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
if [ "$(pnpm -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm $PNPM_VERSION"
  npm install --global --silent "pnpm@$PNPM_VERSION"
fi

echo "› installing packages (pnpm install --frozen-lockfile)"
mkdir -p .tmp
if ! pnpm install --frozen-lockfile >.tmp/install.log 2>&1; then
  tail -n 40 .tmp/install.log >&2
  echo "pnpm install failed; the whole log is in .tmp/install.log" >&2
  exit 1
fi
tail -n 3 .tmp/install.log

if [ "$1" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  echo "› installing Chromium from Debian packages"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The results-pack tests open the DOCX/XLSX as an office would: LibreOffice headless, and
# poppler's pdftoppm to turn a page into an image.
if [ "$1" = "--browser" ] && { [ ! -x /usr/bin/soffice ] || [ ! -x /usr/bin/pdftoppm ]; }; then
  echo "› installing LibreOffice (writer, calc; no GUI) and poppler-utils from Debian packages"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils >/dev/null
fi

# The storage tests run every store against SQLite and PostgreSQL; without PARSURVEY_TEST_PG_URL
# they start their own throwaway server from Debian's package (initdb as the postgres user).
if { [ "$1" = "--browser" ] || [ "$1" = "--postgres" ]; } && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "› installing PostgreSQL from Debian packages"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
