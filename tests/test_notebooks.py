"""Runs every notebook in notebooks/ top to bottom with nbclient, as
nbconvert --execute does, against a testbed broker, and fails on any error
output."""

import glob
import os
import socket
import subprocess
import time
import unittest

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Notebooks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # The live notebooks read KAFKA_BROKERS; FOUNTAIN_UNATTENDED makes
        # their streaming cells bound themselves.
        port = free_port()
        fountain = os.environ.get("FOUNTAIN_BIN", os.path.join(ROOT, "bin", "fountain"))
        cls.testbed = subprocess.Popen([fountain, "testbed", "--addr", "127.0.0.1:%d" % port, "--rate", "2000", "--seed", "7"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        os.environ["KAFKA_BROKERS"] = "127.0.0.1:%d" % port
        os.environ["FOUNTAIN_UNATTENDED"] = "1"

    @classmethod
    def tearDownClass(cls):
        cls.testbed.terminate()
        cls.testbed.wait(10)

    def test_notebooks_run_clean(self):
        # NOTEBOOKS=03 runs just the matching ones, while writing them.
        pattern = "*%s*.ipynb" % os.environ.get("NOTEBOOKS", "")
        paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", pattern)))
        self.assertTrue(paths, "no notebooks found")
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                NotebookClient(nb, kernel_name="fountain", timeout=120,
                               resources={"metadata": {"path": os.path.dirname(path)}}).execute()
                if os.environ.get("NOTEBOOKS_OUT"):  # keep the executed notebook, to read it
                    nbformat.write(nb, os.path.join(os.environ["NOTEBOOKS_OUT"], os.path.basename(path)))
                for cell in nb.cells:
                    for out in cell.get("outputs", []):
                        self.assertNotEqual(out.get("output_type"), "error", "%s: %s" % (cell.source, out))
                # Something visible came out of every code cell but help requests.
                empty = [c.source for c in nb.cells if c.cell_type == "code" and not c.outputs
                         and not c.source.strip().endswith("?")]  # help goes to the pager
                self.assertEqual(empty, [])


if __name__ == "__main__":
    unittest.main()
