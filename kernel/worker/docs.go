package worker

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"go/build"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/fountain-go/fountain/internal/pkgdoc"
	"github.com/fountain-go/fountain/kernel/stdsyms"
	"github.com/fountain-go/fountain/kernel/symbols"
	"github.com/traefik/yaegi/stdlib"
)

// pkgDocs is a package's documentation: its own, and its members' by name
// ("Fields", "Builder", "Builder.WriteString").
type pkgDocs struct {
	Doc     string            `json:"doc"`
	Members map[string]string `json:"members"`
}

// StdDocsEnv names a file of the standard library's documentation, for
// machines without the Go source tree (the Docker image): WriteStdDocs
// makes it. Without the variable, the file is looked for beside the
// executable, in ../share/fountain/stddocs.json.gz.
const StdDocsEnv = "FOUNTAIN_STDDOCS"

// sourceDocs reads a package's documentation from its source, when the Go
// source tree is on this machine (nil otherwise).
func sourceDocs(path string) *pkgDocs {
	bp, err := buildContext().Import(path, "", build.FindOnly)
	if err != nil {
		return nil
	}
	d, err := pkgdoc.Dir(bp.Dir, path)
	if err != nil {
		return nil
	}
	return &pkgDocs{Doc: d.Doc, Members: pkgdoc.Members(d)}
}

// buildContext is go/build's default with GOROOT found: a binary built
// with -trimpath (the Docker image's) does not know it, and asks the go
// command.
var buildContext = sync.OnceValue(func() *build.Context {
	ctx := build.Default
	if ctx.GOROOT == "" {
		ctx.GOROOT = os.Getenv("GOROOT")
	}
	if ctx.GOROOT == "" {
		if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
			ctx.GOROOT = strings.TrimSpace(string(out))
		}
	}
	return &ctx
})

// stdPaths lists the standard library packages cells can use: those of
// the interpreter's tables, the newer ones and those it has from source.
func stdPaths() []string {
	seen := map[string]bool{}
	for _, tables := range []map[string]map[string]reflect.Value{stdlib.Symbols, stdsyms.Symbols} {
		for k := range tables {
			if i := strings.LastIndexByte(k, '/'); i > 0 { // "path/name"
				seen[k[:i]] = true
			}
		}
	}
	for _, p := range sourcePackages {
		seen[p] = true
	}
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// WriteStdDocs writes the documentation of the standard library packages
// cells can use, from the Go source tree of this machine, as gzipped JSON:
// the file StdDocsEnv names.
func WriteStdDocs(w io.Writer) error {
	all := map[string]*pkgDocs{}
	for _, p := range stdPaths() {
		if d := sourceDocs(p); d != nil {
			all[p] = d
		}
	}
	if len(all) == 0 {
		return fmt.Errorf("stddocs: no Go source tree here (GOROOT %q)", buildContext().GOROOT)
	}
	zw := gzip.NewWriter(w)
	if err := json.NewEncoder(zw).Encode(all); err != nil {
		return fmt.Errorf("stddocs: %w", err)
	}
	return zw.Close()
}

// stdDocsFile is the documentation file in use, read once.
var stdDocsFile = sync.OnceValue(func() map[string]*pkgDocs {
	path := os.Getenv(StdDocsEnv)
	if path == "" {
		exe, err := os.Executable()
		if err != nil {
			return nil
		}
		path = filepath.Join(filepath.Dir(exe), "..", "share", "fountain", "stddocs.json.gz")
	}
	return readStdDocs(path)
})

func readStdDocs(path string) map[string]*pkgDocs {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil
	}
	var all map[string]*pkgDocs
	if json.NewDecoder(zr).Decode(&all) != nil {
		return nil
	}
	return all
}

// packageDocs finds a package's documentation: in its source, in the
// standard library's documentation file, or built in (fountain's own
// packages, whose source is not installed).
func (s *Session) packageDocs(path string) *pkgDocs {
	if d, ok := s.docs[path]; ok {
		return d
	}
	d := s.fromSource(path)
	if d == nil {
		d = s.stdDocs()[path]
	}
	if d == nil {
		if text, ok := symbols.Docs[path]; ok {
			d = &pkgDocs{Doc: text, Members: map[string]string{}}
			for k, v := range symbols.Docs {
				if member, ok := strings.CutPrefix(k, path+"."); ok {
					d.Members[member] = v
				}
			}
		}
	}
	s.docs[path] = d
	return d
}
