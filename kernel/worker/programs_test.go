package worker

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestProgramsAsGoRunsThem runs whole Go programs (testdata/programs, one
// per folder) both ways and compares what they print: compiled by the Go
// toolchain in use, and in a session the way a notebook holds them, once
// with each top-level declaration a cell of its own and main's body the
// last cell, then those cells run twice in one session (a notebook run
// again), and once all in one cell. The toolchain's output is the
// answer, so a program needs no expected text and one the interpreter gets
// wrong fails here. (Pointers print as addresses, which differ between
// the two runs: those are compared as 0xADDR.)
func TestProgramsAsGoRunsThem(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every program with the go command")
	}
	dirs, err := filepath.Glob(filepath.Join("testdata", "programs", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no programs in testdata/programs: %v", err)
	}
	bin := t.TempDir()
	// One go command builds them all, in parallel, with its cache.
	args := []string{"build", "-o", bin + string(filepath.Separator)}
	for _, d := range dirs {
		args = append(args, "./"+filepath.ToSlash(d))
	}
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, d := range dirs {
		name := filepath.Base(d)
		t.Run(name, func(t *testing.T) {
			want, err := exec.Command(filepath.Join(bin, name)).Output()
			if err != nil {
				t.Fatalf("the compiled program: %v", err)
			}
			src, err := os.ReadFile(filepath.Join(d, "main.go"))
			if err != nil {
				t.Fatal(err)
			}
			decls, body := programCells(t, src)
			t.Run("cells", func(t *testing.T) {
				got := printedBy(t, append(decls, body)...)
				if addressRE.ReplaceAllString(got, "0xADDR") != addressRE.ReplaceAllString(string(want), "0xADDR") {
					t.Errorf("printed\n%s\nGo prints\n%s", got, want)
				}
			})
			// A notebook's cells run again as they ran ("Run All"
			// twice): declarations of earlier cells made again.
			t.Run("cells twice", func(t *testing.T) {
				cells := append(decls, body)
				got := printedBy(t, append(cells, cells...)...)
				twice := string(want) + string(want)
				if addressRE.ReplaceAllString(got, "0xADDR") != addressRE.ReplaceAllString(twice, "0xADDR") {
					t.Errorf("printed\n%s\nGo prints, twice\n%s", got, twice)
				}
			})
			t.Run("one cell", func(t *testing.T) {
				got := printedBy(t, strings.Join(append(decls, body), "\n"))
				if addressRE.ReplaceAllString(got, "0xADDR") != addressRE.ReplaceAllString(string(want), "0xADDR") {
					t.Errorf("printed\n%s\nGo prints\n%s", got, want)
				}
			})
		})
	}
}

// addressRE matches a pointer as fmt prints it: the two runs' differ.
var addressRE = regexp.MustCompile(`0x[0-9a-f]{6,}`)

// programCells splits a program as a notebook holds it: a cell for each
// run of top-level declarations that a "// cell" line starts (the first
// one also holds the imports), and main's body.
func programCells(t *testing.T, src []byte) (decls []string, body string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	var marks []int
	for _, cg := range f.Comments {
		if len(cg.List) == 1 && cg.List[0].Text == "// cell" {
			marks = append(marks, off(cg.Pos()))
		}
	}
	from := off(f.Name.End())
	flush := func(to int) {
		if c := strings.TrimSpace(string(src[from:to])); c != "" {
			decls = append(decls, c)
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "main" || fd.Recv != nil {
			continue
		}
		// main's body is the last cell; what is around main goes on.
		for _, m := range marks {
			if m < off(fd.Pos()) {
				flush(m)
				from = m
			}
		}
		flush(off(fd.Pos()))
		body = string(src[off(fd.Body.Lbrace)+1 : off(fd.Body.Rbrace)])
		from = off(fd.End())
		for _, m := range marks {
			if m > from {
				flush(m)
				from = m
			}
		}
		flush(len(src))
	}
	if body == "" {
		t.Fatal("the program has no main body")
	}
	return decls, body
}

// printedBy runs cells in a fresh session and returns what they wrote to
// standard output (file descriptor 1, where the kernel's worker writes).
func printedBy(t *testing.T, cells ...string) string {
	t.Helper()
	s := newTestSession(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := unix.Dup(1)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&out, r); close(done) }()
	if err := unix.Dup2(int(w.Fd()), 1); err != nil {
		t.Fatal(err)
	}
	var failed error
	for _, c := range cells {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		_, err := s.Run(ctx, c)
		cancel()
		if err != nil {
			failed = err
			break
		}
	}
	unix.Dup2(saved, 1)
	unix.Close(saved)
	w.Close()
	<-done
	r.Close()
	if failed != nil {
		t.Fatalf("%v\n(printed before: %s)", failed, out.String())
	}
	return out.String()
}
