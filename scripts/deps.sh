#!/usr/bin/env bash
# Installs what fountain's demo and tests need from Debian, if missing:
# Jupyter (client, notebook, console, nbclient, nbconvert, kernel test suite)
# and ipykernel (the peer in benchmarks); with the argument "bench", pandas too. Go modules come with go build.
set -euo pipefail
need=()
py=/usr/bin/python3
have_py_mod() { [ -x "$py" ] && "$py" -c "import $1" 2>/dev/null; }
have_py_mod jupyter_client || need+=(jupyter-client)
have_py_mod jupyter_kernel_test || need+=(python3-jupyter-kernel-test)
have_py_mod nbclient || need+=(python3-nbclient)
have_py_mod nbconvert || need+=(jupyter-nbconvert)
have_py_mod notebook || need+=(jupyter-notebook)
have_py_mod jupyter_console || need+=(jupyter-console)
have_py_mod ipykernel || need+=(python3-ipykernel)
command -v kcat >/dev/null || need+=(kcat)
# "deps.sh bench" adds the benchmark peers' packages (pandas); "deps.sh
# test" what the deployment, browser and JupyterLab-client checks use
# (docker-compose to validate the compose file; Chromium, its driver and
# Selenium; Node and npm).
if [ "${1:-}" = bench ]; then have_py_mod pandas || need+=(python3-pandas); fi
if [ "${1:-}" = test ]; then
  command -v docker-compose >/dev/null || need+=(docker-compose)
  have_py_mod yaml || need+=(python3-yaml)
  have_py_mod selenium || need+=(python3-selenium)
  have_py_mod pexpect || need+=(python3-pexpect)
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  # JupyterLab's kernel client (tests/lab) runs under Node.
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
fi
command -v go >/dev/null || { echo "deps: Go 1.26 is required (https://go.dev/dl)" >&2; exit 1; }
[ ${#need[@]} -eq 0 ] && exit 0
echo "deps: installing Debian packages: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo=sudo; else
    echo "deps: need root (or sudo) to install: apt-get install ${need[*]}" >&2; exit 1
  fi
fi
command -v apt-get >/dev/null || { echo "deps: no apt-get here; install these Debian packages by hand: ${need[*]}" >&2; exit 1; }
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
