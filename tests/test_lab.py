"""JupyterLab's kernel client against the Go kernel: tests/lab/check.mjs runs
@jupyterlab/services (what JupyterLab 4 runs in the browser) under Node
against Debian's Jupyter Notebook server, which serves the same REST and
WebSocket API as JupyterLab's server. npm fetches the pinned client once."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
LAB = os.path.join(HERE, "lab")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLabClient(unittest.TestCase):
    def test_lab_client_drives_the_kernel(self):
        for tool in ("node", "npm"):
            self.assertTrue(shutil.which(tool), tool + " is missing: scripts/deps.sh test installs Debian's nodejs and npm")
        if not os.path.isdir(os.path.join(LAB, "node_modules", "@jupyterlab", "services")):
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LAB, check=True, timeout=600)
        work = tempfile.mkdtemp()
        port = free_port()
        server = subprocess.Popen(
            ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", "--port=%d" % port,
             "--NotebookApp.token=", "--NotebookApp.password=", "--NotebookApp.disable_check_xsrf=True",
             "--allow-root", "--notebook-dir=" + work],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 60
            while True:
                try:
                    urllib.request.urlopen("http://127.0.0.1:%d/api" % port, timeout=2)
                    break
                except OSError:
                    if time.time() > deadline:
                        raise AssertionError("Jupyter Notebook did not start")
                    time.sleep(0.2)
            run = subprocess.run(["node", "check.mjs"], cwd=LAB, capture_output=True, text=True, timeout=180,
                                 env=dict(os.environ, JUPYTER_URL="http://127.0.0.1:%d/" % port))
            checks = [l for l in run.stdout.splitlines() if l.startswith(("ok ", "FAIL"))]
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertGreaterEqual(len(checks), 17, run.stdout)
        finally:
            server.terminate()
            server.wait(10)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
