#!/usr/bin/env bash
# Install everything statement-renderer and its tests need on Debian 12 with Python 3.11:
# the system packages first, then this package with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# default-jre-headless: EPUBCheck and the W3C Nu HTML Checker (tests)
# poppler-utils: pdftotext / pdftoppm / pdfinfo for reading the PDFs back
# chromium: the browser DAISY Ace checks the EPUB in
# espeak-ng: the offline voice for Welsh, French and the other languages Piper's voice does not speak
# redis-server: the job queue of 'serve --queue' / 'build --queue' (the tests start their own on a free port)
# liblouis-bin, liblouis-data: braille translation (lou_translate, UEB and Welsh tables)
packages="default-jre-headless poppler-utils chromium espeak-ng redis-server liblouis-bin liblouis-data"
if ! command -v npm >/dev/null 2>&1; then packages="$packages nodejs npm"; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null

# DAISY Ace (EPUB accessibility checker), pinned in tools/ace/package-lock.json. It runs
# as ace-puppeteer with Debian's Chromium, so neither Electron nor a browser is downloaded.
(cd tools/ace && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm ci --no-audit --no-fund --loglevel=error >/dev/null)

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
echo "statement-renderer installed: $(python3 -m renderer --version)"
