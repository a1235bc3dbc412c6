#!/usr/bin/env bash
# Install everything statement-renderer and its tests need on Debian 12 with Python 3.11:
# the system packages first, then this package with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# default-jre-headless: the W3C Nu HTML Checker (tests) and EPUBCheck
# poppler-utils: pdftotext / pdftoppm / pdfinfo for reading the PDFs back
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends default-jre-headless poppler-utils >/dev/null

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
echo "statement-renderer installed: $(python3 -m renderer --version)"
