package symbols

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traefik/yaegi/extract"
)

// TestFresh regenerates the symbol tables in memory and compares them with
// the committed files: a change to a package's API must come with
// "go generate ./kernel/symbols".
func TestFresh(t *testing.T) {
	for _, pkg := range []string{
		"github.com/fountain-go/fountain/display",
		"github.com/fountain-go/fountain/frames",
		"github.com/fountain-go/fountain/sources/alert",
		"github.com/fountain-go/fountain/sources/sim",
		"github.com/fountain-go/fountain/sources/testbed",
		"github.com/fountain-go/fountain/sources/kafka",
		"github.com/fountain-go/fountain/sources/file",
	} {
		var buf bytes.Buffer
		ext := extract.Extractor{Dest: "symbols"}
		ipp, err := ext.Extract(pkg, "symbols", &buf)
		if err != nil {
			t.Fatalf("extract %s: %v", pkg, err)
		}
		file := strings.NewReplacer("/", "-", ".", "_", "~", "_").Replace(ipp) + ".go"
		have, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%s: %v (run go generate ./kernel/symbols)", file, err)
		}
		if !bytes.Equal(have, buf.Bytes()) {
			t.Errorf("%s is stale: run go generate ./kernel/symbols", file)
		}
	}
}

func TestLoaded(t *testing.T) {
	if _, ok := Symbols["github.com/fountain-go/fountain/display/display"]["Show"]; !ok {
		t.Fatal("display.Show is not in the symbol table")
	}
}

// TestDocsFresh regenerates the docs table and compares it with docs.go.
func TestDocsFresh(t *testing.T) {
	out := filepath.Join(t.TempDir(), "docs.go")
	if msg, err := exec.Command("go", "run", "./gendocs", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("gendocs: %v\n%s", err, msg)
	}
	want, _ := os.ReadFile(out)
	have, _ := os.ReadFile("docs.go")
	if !bytes.Equal(have, want) {
		t.Error("docs.go is stale: run go generate ./kernel/symbols")
	}
	if !strings.Contains(Docs["github.com/fountain-go/fountain/display.Show"], "Show displays v now") {
		t.Error("display.Show has no doc")
	}
}
