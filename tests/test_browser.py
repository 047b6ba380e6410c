"""The real-browser check: Jupyter Notebook and headless Chromium (Debian's
chromium and chromium-driver, driven by Selenium) open notebook 03, run it
up to its live tables against a testbed, and see the live table change
between two screenshots, kept in tests/artifacts/ (or $ARTIFACTS)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOUNTAIN = os.environ.get("FOUNTAIN_BIN", os.path.join(ROOT, "bin", "fountain"))
ARTIFACTS = os.environ.get("ARTIFACTS", os.path.join(ROOT, "tests", "artifacts"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(fn, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = fn()
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


@unittest.skipUnless(shutil.which("chromedriver") and shutil.which("chromium"), "chromium and chromium-driver are not installed")
class Browser(unittest.TestCase):
    def test_live_table_changes_in_chromium(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.makedirs(ARTIFACTS, exist_ok=True)
        work = tempfile.mkdtemp()
        shutil.copytree(os.path.join(ROOT, "notebooks"), os.path.join(work, "notebooks"))
        broker, port = free_port(), free_port()
        env = dict(os.environ, KAFKA_BROKERS="127.0.0.1:%d" % broker)
        env.pop("FOUNTAIN_UNATTENDED", None)  # interactive: the streams keep running
        procs = [subprocess.Popen([FOUNTAIN, "testbed", "--addr", "127.0.0.1:%d" % broker, "--rate", "1000"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        procs.append(subprocess.Popen(
            ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", "--port=%d" % port,
             "--NotebookApp.token=", "--NotebookApp.password=", "--allow-root",
             "--notebook-dir=" + os.path.join(work, "notebooks")],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        driver = None
        try:
            def up():
                try:
                    urllib.request.urlopen("http://127.0.0.1:%d/api" % port, timeout=2)
                    return True
                except OSError:
                    return False
            wait_for(up, 60, "Jupyter Notebook")
            opts = webdriver.ChromeOptions()
            for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1800"):
                opts.add_argument(a)
            driver = webdriver.Chrome(options=opts, service=Service(executable_path=shutil.which("chromedriver")))
            driver.get("http://127.0.0.1:%d/notebooks/03-the-live-alert-stream.ipynb" % port)
            js = driver.execute_script
            wait_for(lambda: js("return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                                " && Jupyter.notebook.kernel.is_connected())"), 60, "the Go (fountain) kernel")
            self.assertEqual(js("return Jupyter.notebook.kernel.name"), "fountain")
            idx = js("return Jupyter.notebook.get_cells().findIndex(c => c.get_text().includes('perVisit := alerts()'))")
            self.assertGreater(idx, 0)
            js("Jupyter.notebook.execute_cells(Array.from({length: arguments[0] + 1}, (_, i) => i))", idx)
            out = "return Jupyter.notebook.get_cell(arguments[0]).output_area.element[0].innerText"
            wait_for(lambda: "running" in js(out, idx) and "alerts per visit" in js(out, idx), 60, "the live table")
            area = driver.execute_script("return Jupyter.notebook.get_cell(arguments[0]).output_area.element[0]", idx)
            first = js(out, idx)
            driver.execute_script("arguments[0].scrollIntoView()", area)
            area.screenshot(os.path.join(ARTIFACTS, "live-table-1.png"))
            second = wait_for(lambda: (js(out, idx) != first) and js(out, idx), 15, "the live table to change")
            area.screenshot(os.path.join(ARTIFACTS, "live-table-2.png"))
            self.assertNotEqual(first, second)
            self.assertIn("rows in", second)
            # Both live tables are on the page, and no error.
            page = js("return document.body.innerText")
            self.assertIn("brightest new transients", page)
            self.assertNotIn("Traceback", page)
            for name in ("live-table-1.png", "live-table-2.png"):
                self.assertGreater(os.path.getsize(os.path.join(ARTIFACTS, name)), 1000)
            js("Jupyter.notebook.kernel.execute('%streams stop all')")
        finally:
            if driver:
                driver.quit()
            for p in procs:
                p.terminate()
                p.wait(10)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
