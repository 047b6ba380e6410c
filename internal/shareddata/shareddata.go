// Package shareddata locates the real alert samples in ../shared/data/alerts
// for tests; tests that need them skip with a clear message when ../shared
// is not beside the project (a fresh clone), as CI always has it.
package shareddata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Alerts returns the alert samples directory, or skips the test.
func Alerts(t testing.TB) string {
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "data", "alerts")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real alert samples not found at %s (../shared is beside the project in CI): %v", dir, err)
	}
	return dir
}
