#!/usr/bin/env bash
# Installs Debian's headless Chromium and its WebDriver for the API's browser test
# (netsec-api BrowserFlowIT). Does nothing when both are present. Test tools never download
# a browser of their own: they use /usr/bin/chromium and /usr/bin/chromedriver.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=sudo
  command -v sudo >/dev/null 2>&1 || { echo "install-chromium.sh: need root (or sudo) to apt-get install chromium chromium-driver" >&2; exit 1; }
else
  sudo_cmd=
fi
echo "== Installing chromium and chromium-driver (apt-get)"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
command -v chromium >/dev/null && [ -x /usr/bin/chromedriver ] || { echo "chromium or chromedriver still missing after apt-get" >&2; exit 1; }
