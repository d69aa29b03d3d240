#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver for the browser tests when missing
# (as root). Without them the browser tests skip, saying why.
set -u
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "chromium: not installed and not root: browser tests will skip"; exit 0; fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
  && echo "chromium: installed" || echo "chromium: could not install: browser tests will skip"
