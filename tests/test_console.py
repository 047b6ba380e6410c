"""jupyter console (Debian's, prompt_toolkit in a pseudo-terminal via
pexpect) with the Go kernel: multi-line input by the kernel's is_complete,
values, output and errors. (Interrupts are the protocol tests' and the
JupyterLab client's: this console's Ctrl-C handler does not reach any kernel
under pexpect, ipykernel included.)"""

import os
import re
import subprocess
import tempfile
import unittest

import pexpect

FOUNTAIN = os.environ.get("FOUNTAIN_BIN", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin", "fountain"))
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Console(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=os.path.join(self.tmp, "rt"))
        if "JUPYTER_PATH" not in env:  # run alone: install a kernelspec of our own
            subprocess.run([FOUNTAIN, "install", "--prefix", os.path.join(self.tmp, "prefix")], check=True,
                           stdout=subprocess.DEVNULL)
            env["JUPYTER_PATH"] = os.path.join(self.tmp, "prefix", "share", "jupyter")
        self.child = pexpect.spawn("/usr/bin/python3", ["-m", "jupyter_console", "--kernel", "fountain"], env=env,
                                   encoding="utf-8", timeout=30, dimensions=(40, 200))
        self.prompt(1)

    def tearDown(self):
        if self.child.isalive():
            self.child.sendcontrol("d")
            self.child.expect("exit")
            self.child.send("y\r")
            self.child.expect(pexpect.EOF, timeout=15)

    def prompt(self, n):
        """Waits for prompt In [n] and returns the text shown before it."""
        self.child.expect(r"In \[(\x1b\[[0-9;]*m)*%d(\x1b\[[0-9;]*m)*\]" % n)
        return ANSI.sub("", self.child.before)

    def test_multiline_values_output_errors(self):
        self.child.send("x := 40\r")
        self.prompt(2)
        # Enter inside an open func body continues the cell (is_complete).
        for line in ("func f() int {", "return x + 2", "}"):
            self.child.send(line + "\r")
        self.prompt(3)
        self.child.send("f()\r")
        self.assertRegex(self.prompt(4), r"Out\[3\]: 42")
        self.child.send('fmt.Println("printed")\r')
        self.assertIn("printed", self.prompt(5))
        self.child.send('panic("oops")\r')
        self.assertIn("panic: oops", self.prompt(6))
        self.child.send("f() + 1\r")
        self.assertRegex(self.prompt(7), r"Out\[6\]: 43")


if __name__ == "__main__":
    unittest.main()
