#!/usr/bin/env bash
# Web tests: Debian's Chromium and its driver for the headless browser tests, Node.js and
# npm to build the page (npm ci from web/package-lock.json, then esbuild) into
# src/tidings/web/static/. Idempotent; quiet unless something fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() {
    if ! "$@" >>"$log" 2>&1; then
        echo "20-chromium: '$*' failed:" >&2
        tail -n 60 "$log" >&2
        exit 1
    fi
}
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${#need[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    run apt-get update -q
    run apt-get install -y -q --no-install-recommends "${need[@]}" fonts-dejavu-core
fi
run python3 tools/build_web.py
