#!/usr/bin/env bash
# Installs the Debian packages the tests need where they are missing: chromium and a CJK font
# (fonts-wqy-microhei) for the browser tests (tests/test_page.py), and a Java runtime for the OWL
# reasoner and profile check (tests/test_owl.py). Quiet and quick when all are there. Never downloads
# a browser build.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q "ok installed" || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: ${need[*]} missing and not installable here (needs root and apt-get); the browser and OWL tests will skip" >&2
  exit 0
fi
echo "installing ${need[*]} for the tests" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq "${need[@]}"; } >/tmp/govkg-install-debian.log 2>&1; then
  echo "warning: could not install ${need[*]} (see /tmp/govkg-install-debian.log)" >&2
fi
exit 0
