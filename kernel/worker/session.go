package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fountain-go/fountain/display"
	"github.com/fountain-go/fountain/kernel/cell"
	"github.com/fountain-go/fountain/kernel/symbols"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Session is one interpreter with the cell compiler's view of its state.
type Session struct {
	in       *interp.Interpreter
	rt       *hooks
	imported map[string]string // local name -> import path
	defined  map[string]bool
	sources  map[string]string   // declaration source by name, for help
	refs     map[string][]string // func -> top-level names it refers to
	funcs    []string            // funcs in order of first definition
	byName   map[string]string   // package name -> preferred import path
	byPath   map[string]string   // import path -> package name
	trace    *lockedBuffer       // the interpreter's own panic trace lines
	result   *display.Bundle     // value of the running cell's last expression
	stdin    io.Reader
}

// preferred resolves package-name clashes for automatic imports.
var preferred = map[string]string{
	"rand":     "math/rand",
	"template": "text/template",
	"scanner":  "text/scanner",
	"pprof":    "runtime/pprof",
	"constant": "go/constant",
	"build":    "go/build",
	"big":      "math/big",
	"errors":   "errors",
	"url":      "net/url",
	"json":     "encoding/json",
	"parser":   "go/parser",
	"format":   "go/format",
	"doc":      "go/doc",
	"types":    "go/types",
	"token":    "go/token",
	"ast":      "go/ast",
	"sync":     "sync",
	"atomic":   "sync/atomic",
	"heap":     "container/heap",
	"list":     "container/list",
	"ring":     "container/ring",
	"v2":       "",
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.b.String()
	l.b.Reset()
	return s
}

// NewSession returns a session with the standard library, the fountain
// packages and the runtime helpers loaded. stdin is what cells read as os.Stdin.
func NewSession(stdin io.Reader) (*Session, error) {
	s := &Session{
		rt:       &hooks{},
		imported: map[string]string{},
		defined:  map[string]bool{},
		sources:  map[string]string{},
		refs:     map[string][]string{},
		byName:   map[string]string{},
		byPath:   map[string]string{},
		trace:    &lockedBuffer{},
		stdin:    stdin,
	}
	s.rt.result = func(b display.Bundle) { s.result = &b }
	s.in = interp.New(interp.Options{
		Stdin:  stdin, // fmt.Scan and friends
		Stdout: os.Stdout,
		Stderr: &traceSplitter{trace: s.trace, rest: os.Stderr},
		Env:    os.Environ(),
		Args:   []string{"fountain"},
	})
	// os.Stdin is replaced after the stdlib is loaded: loading it resets os.
	stdinSym := interp.Exports{"os/os": {"Stdin": reflect.ValueOf(&s.stdin).Elem()}}
	for _, tables := range []interp.Exports{stdlib.Symbols, symbols.Symbols, stdinSym} {
		if err := s.in.Use(tables); err != nil {
			return nil, fmt.Errorf("load symbols: %w", err)
		}
	}
	if err := s.in.Use(interp.Exports{"fountainrt/fountainrt": s.rt.symbols()}); err != nil {
		return nil, fmt.Errorf("load runtime: %w", err)
	}
	s.indexPackages()
	if _, err := s.in.Eval(prelude); err != nil {
		return nil, fmt.Errorf("prelude: %w", err)
	}
	return s, nil
}

// traceSplitter sends the interpreter's own panic location lines to trace,
// for the error traceback, and everything else (log output) to rest.
type traceSplitter struct {
	trace io.Writer
	rest  io.Writer
}

var panicLineRE = regexp.MustCompile(`^\d+:\d+: panic`)

func (t *traceSplitter) Write(p []byte) (int, error) {
	if panicLineRE.Match(p) {
		return t.trace.Write(p)
	}
	return t.rest.Write(p)
}

func (s *Session) indexPackages() {
	var paths []string
	for k := range stdlib.Symbols {
		paths = append(paths, k)
	}
	for k := range symbols.Symbols {
		paths = append(paths, k)
	}
	sort.Strings(paths)
	for _, k := range paths {
		p, name := path.Dir(k), path.Base(k)
		if p == "." || strings.Contains(p, "internal") {
			continue
		}
		s.byPath[p] = name
		if want, ok := preferred[name]; ok {
			if want == p {
				s.byName[name] = p
			}
			continue
		}
		if have, ok := s.byName[name]; !ok || len(p) < len(have) {
			s.byName[name] = p
		}
	}
	// Generic packages the interpreter provides from source.
	for _, p := range []string{"slices", "maps", "cmp"} {
		s.byPath[p] = p
		s.byName[p] = p
	}
}

// Imported implements cell.Env.
func (s *Session) Imported(name string) (string, bool) { p, ok := s.imported[name]; return p, ok }

// Defined implements cell.Env.
func (s *Session) Defined(name string) bool { return s.defined[name] }

// PackageByName implements cell.Env.
func (s *Session) PackageByName(name string) (string, bool) { p, ok := s.byName[name]; return p, ok }

// PackageName implements cell.Env.
func (s *Session) PackageName(p string) string { return s.byPath[p] }

// IsInteger implements cell.Env: it looks at the value of a name an earlier
// cell defined (reading a variable or constant has no side effects).
func (s *Session) IsInteger(name string) bool {
	if !s.defined[name] {
		return false
	}
	v, err := s.in.Eval(name)
	if err != nil || !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// CellError is a failed cell, shaped for an error reply.
type CellError struct {
	Name, Value string
	Traceback   []string
}

func (e *CellError) Error() string { return e.Name + ": " + e.Value }

var errInterrupted = errors.New("interrupted")

// Run compiles and runs one cell. It returns the value of the cell's last
// expression as a bundle, if it has one.
func (s *Session) Run(ctx context.Context, code string) (*display.Bundle, error) {
	prog, err := cell.Compile(code, s)
	if err != nil {
		return nil, compileError(code, err)
	}
	for _, im := range prog.Imports {
		src := fmt.Sprintf("import %s %q", im.Name, im.Path)
		if _, err := s.in.Eval(src); err != nil {
			return nil, &CellError{Name: "ImportError", Value: fmt.Sprintf("cannot import %q: %v", im.Path, err)}
		}
		s.imported[im.Name] = im.Path
	}
	s.result = nil
	var redefined []string
	for _, n := range prog.Defines {
		if s.defined[n] {
			redefined = append(redefined, n)
		}
	}
	defer func() {
		for _, n := range prog.Defines {
			s.defined[n] = true
		}
		for n, src := range prog.Sources {
			s.sources[n] = src
		}
		for _, n := range prog.Defines {
			refs, ok := prog.Refs[n]
			if !ok {
				continue
			}
			if _, seen := s.refs[n]; !seen {
				s.funcs = append(s.funcs, n)
			}
			s.refs[n] = refs
		}
	}()
	for _, ch := range prog.Chunks {
		s.trace.take()
		_, err := s.in.EvalWithContext(ctx, ch.Src)
		var p interp.Panic
		if err != nil && ch.Show && ctx.Err() == nil && !errors.As(err, &p) {
			// The wrapped expression did not compile: it has no value (a
			// call of a func without results) or is wrong in itself. Nothing
			// ran, so run it plain; its own error, if any, has the right columns.
			_, err = s.in.EvalWithContext(ctx, ch.Plain)
		}
		if err != nil {
			return nil, s.runError(ctx, code, err)
		}
	}
	s.rebind(redefined, prog)
	return s.result, nil
}

// rebind re-evaluates the funcs of earlier cells that refer, directly or
// through other funcs, to a name this cell redefined: yaegi binds a call to
// the func that existed when the caller was compiled. Methods cannot be
// rebound (yaegi ignores a method's second declaration).
func (s *Session) rebind(redefined []string, prog *cell.Program) {
	if len(redefined) == 0 {
		return
	}
	changed := map[string]bool{}
	for _, n := range redefined {
		changed[n] = true
	}
	var stale []string
	for again := true; again; {
		again = false
		for _, f := range s.funcs {
			if changed[f] || prog.Refs[f] != nil {
				continue
			}
			for _, r := range s.refs[f] {
				if changed[r] {
					changed[f], again = true, true
					stale = append(stale, f)
					break
				}
			}
		}
	}
	if len(stale) == 0 {
		return
	}
	// One chunk, so that the funcs bind to each other's new versions
	// whatever order they call each other in.
	var src []string
	for _, f := range stale {
		src = append(src, s.sources[f])
	}
	if _, err := s.in.Eval(strings.Join(src, "\n")); err != nil {
		fmt.Fprintf(os.Stderr, "note: %s not updated for the new definition: %v\n", strings.Join(stale, ", "), err)
	}
}

var posRE = regexp.MustCompile(`^(?:[^:\s]*:)?(\d+):(\d+): (.*)$`)

// compileError formats an error with the offending cell line and a caret.
func compileError(code string, err error) error {
	var ce *cell.Error
	if errors.As(err, &ce) {
		return &CellError{Name: "SyntaxError", Value: ce.Msg, Traceback: pointAt(code, ce.Line, ce.Col, ce.Msg)}
	}
	return &CellError{Name: "SyntaxError", Value: err.Error(), Traceback: []string{err.Error()}}
}

func pointAt(code string, line, col int, msg string) []string {
	lines := strings.Split(code, "\n")
	if line < 1 || line > len(lines) {
		return []string{msg}
	}
	tb := []string{fmt.Sprintf("cell line %d", line), "    " + lines[line-1]}
	if col >= 1 {
		tb = append(tb, "    "+strings.Repeat(" ", col-1)+"^")
	}
	return append(tb, msg)
}

func (s *Session) runError(ctx context.Context, code string, err error) error {
	if ctx.Err() != nil {
		return &CellError{Name: "Interrupted", Value: "the cell was interrupted",
			Traceback: []string{"Interrupted: the cell was interrupted"}}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		tb := []string{fmt.Sprintf("panic: %v", p.Value)}
		for _, l := range strings.Split(strings.TrimSpace(s.trace.take()), "\n") {
			if m := posRE.FindStringSubmatch(l); m != nil {
				line, _ := strconv.Atoi(m[1])
				tb = append(tb, fmt.Sprintf("  at cell line %d: %s", line, strings.TrimPrefix(m[3], "panic: ")))
			}
		}
		return &CellError{Name: "panic", Value: fmt.Sprint(p.Value), Traceback: tb}
	}
	msg := err.Error()
	if m := posRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		return &CellError{Name: "CompileError", Value: m[3], Traceback: pointAt(code, line, col, m[3])}
	}
	return &CellError{Name: "Error", Value: msg, Traceback: []string{msg}}
}
