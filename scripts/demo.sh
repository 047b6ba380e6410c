#!/usr/bin/env bash
# make demo: the embedded alert testbed in the background and Jupyter
# Notebook on notebooks/ in front; Ctrl-C stops both.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-8888}
broker=${KAFKA_ADDR:-127.0.0.1:9092}
"$root/bin/fountain" testbed --addr "$broker" --rate "${RATE:-1000}" &
testbed=$!
trap 'kill -INT $testbed 2>/dev/null; wait $testbed 2>/dev/null || true' EXIT
export KAFKA_BROKERS=$broker
root_flag=""
[ "$(id -u)" -eq 0 ] && root_flag="--allow-root"
echo "Jupyter Notebook on notebooks/ at http://127.0.0.1:$port (KAFKA_BROKERS=$broker); Ctrl-C stops everything"
cd "$root/notebooks"
/usr/bin/python3 -m notebook --ip=127.0.0.1 --port="$port" --no-browser $root_flag
