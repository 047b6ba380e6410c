"""Runs every notebook in notebooks/ top to bottom with nbclient, as
nbconvert --execute does, and fails on any error output."""

import glob
import os
import unittest

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Notebooks(unittest.TestCase):
    def test_notebooks_run_clean(self):
        paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
        self.assertTrue(paths, "no notebooks found")
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                NotebookClient(nb, kernel_name="fountain", timeout=120,
                               resources={"metadata": {"path": os.path.dirname(path)}}).execute()
                for cell in nb.cells:
                    for out in cell.get("outputs", []):
                        self.assertNotEqual(out.get("output_type"), "error", "%s: %s" % (cell.source, out))
                # Something visible came out of every code cell but help requests.
                empty = [c.source for c in nb.cells if c.cell_type == "code" and not c.outputs
                         and not c.source.strip().endswith("?")]  # help goes to the pager
                self.assertEqual(empty, [])


if __name__ == "__main__":
    unittest.main()
