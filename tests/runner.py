"""Runs unittest modules and ends with a plain summary line
("tests: N passed, N failed, N skipped") that CI can read."""

import sys
import unittest

suite = unittest.defaultTestLoader.loadTestsFromNames(sys.argv[1:])
result = unittest.TextTestRunner(verbosity=2).run(suite)
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
skipped = len(result.skipped) + len(result.expectedFailures)
passed = result.testsRun - failed - len(result.skipped) - len(result.expectedFailures)
print("tests: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
