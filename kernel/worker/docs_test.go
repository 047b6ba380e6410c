package worker

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Without Go's source tree (the Docker image), name? shows the standard
// library's documentation from the file fountain stddocs wrote.
func TestStdDocsWithoutSourceTree(t *testing.T) {
	if sourceDocs("strings") == nil {
		t.Skip("no Go source tree here to write the docs file from")
	}
	var buf bytes.Buffer
	if err := WriteStdDocs(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stddocs.json.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	all := readStdDocs(path)
	if len(all) < 100 {
		t.Fatalf("docs of %d packages, want the whole standard library", len(all))
	}
	s := newTestSession(t)
	s.fromSource = func(string) *pkgDocs { return nil } // a machine without Go
	s.stdDocs = func() map[string]*pkgDocs { return all }
	for name, want := range map[string]string{
		"strings.Fields":  "splits the string",
		"strings":         "manipulate UTF-8 encoded strings",
		"strings.Builder": "efficiently build a string",
		"time.Duration":   "elapsed time between two instants",
		"http.Get":        "issues a GET",
		"sha3.Sum256":     "SHA3-256",        // a package newer than the interpreter's tables
		"slices.Collect":  "collects values", // one the interpreter has from source
	} {
		text, ok := s.doc(name)
		if !ok || !strings.Contains(text, want) {
			t.Errorf("doc(%s) = %q, %v; want it to say %q", name, text, ok, want)
		}
	}
	// Without the file either, the signature alone.
	s = newTestSession(t)
	s.fromSource = func(string) *pkgDocs { return nil }
	s.stdDocs = func() map[string]*pkgDocs { return nil }
	if text, ok := s.doc("strings.Fields"); !ok || strings.Contains(text, "splits") || !strings.Contains(text, "func strings.Fields(string) []string") {
		t.Errorf("doc(strings.Fields) without docs = %q", text)
	}
}
