#!/usr/bin/env bash
# Runs the protocol tests against bin/fountain with a private kernelspec,
# history file and Jupyter dirs, under Debian's Python (which has Jupyter).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/bin/fountain" install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_DATA_DIR="$tmp/data" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_CONFIG_DIR="$tmp/config"
export FOUNTAIN_HISTORY="$tmp/history.jsonl"
export FOUNTAIN_BIN="$root/bin/fountain"
cd "$here"
if [ $# -eq 0 ]; then set -- test_kernel test_protocol test_notebooks test_deploy test_browser test_lab test_console; fi
exec /usr/bin/python3 runner.py "$@"
