package stdsyms

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/traefik/yaegi/extract"
)

// TestFresh regenerates the tables in memory and compares them with the
// committed files: a Go upgrade must come with "go generate ./kernel/stdsyms".
func TestFresh(t *testing.T) {
	src, err := os.ReadFile("stdsyms.go")
	if err != nil {
		t.Fatal(err)
	}
	_, line, ok := strings.Cut(string(src), "yaegi extract ")
	if !ok {
		t.Fatal("no go:generate line in stdsyms.go")
	}
	line, _, _ = strings.Cut(line, "\n")
	for _, pkg := range strings.Fields(line) {
		var buf bytes.Buffer
		ext := extract.Extractor{Dest: "stdsyms"}
		ipp, err := ext.Extract(pkg, "stdsyms", &buf)
		if err != nil {
			t.Fatalf("extract %s: %v", pkg, err)
		}
		file := strings.NewReplacer("/", "-", ".", "_", "~", "_").Replace(ipp) + ".go"
		have, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%s: %v (run go generate ./kernel/stdsyms)", file, err)
		}
		if !bytes.Equal(have, buf.Bytes()) {
			t.Errorf("%s is stale: run go generate ./kernel/stdsyms", file)
		}
	}
	if _, ok := Symbols["strings/strings"]["Lines"]; !ok {
		t.Error("strings.Lines is not in the table")
	}
}
