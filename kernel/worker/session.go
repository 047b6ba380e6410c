package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/fountain-go/fountain/display"
	"github.com/fountain-go/fountain/kernel/cell"
	"github.com/fountain-go/fountain/kernel/stdsyms"
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
	sources  map[string]string            // declaration source by name, for help
	refs     map[string][]string          // func -> top-level names it refers to
	mrefs    map[string][]string          // "Type.Method" -> the same
	trefs    map[string][]string          // type -> the same
	funcs    []string                     // funcs in order of first definition
	types    map[string]bool              // types defined by cells
	methods  map[string]map[string]string // type -> method -> source
	alias    map[string]string            // type -> its current internal name
	pending  map[string]string            // the same, for types the running cell versions
	typed    map[int]cell.Typed           // what probes found of the running cell's range statements
	running  atomic.Pointer[cell.Program] // the cell that runs, until record (see runSource)
	// The funcs of earlier cells the running cell's redefinitions make
	// stale, and the index of the chunk that compiles them again (-1).
	stale    []string
	rebindAt int
	// staleTypes are the types the running cell versions for what it
	// redefines (see staleTypesOf); methodsAt is the index of the chunk
	// with their methods. keepMethods leaves them as they are, when those
	// methods do not compile with the cell.
	staleTypes  []string
	methodsAt   int
	keepMethods bool
	// funcValues are the top-level variables cells set to func literals,
	// with the literals' sources, in the order first set: an interrupt
	// stops them (yaegi's run id), so they are made again after one.
	funcValues map[string]string
	funcOrder  []string
	valueRefs  map[string][]string // the top-level names each literal refers to
	// paramsRenamed holds the generic funcs whose type parameters have
	// names of their own (cell.Program.ParamsRenamed).
	paramsRenamed map[string]bool
	// staleValues are those the running cell's redefinitions make stale:
	// they are made again once it has run.
	staleValues []string
	// preparing is the cell whose stale funcs insertRebind compiles: they
	// see its types and methods (Types, Methods, Source).
	preparing *cell.Program
	// declaring is the cell whose carried declarations withCarried
	// compiles: its names are defined for them, which run after it.
	declaring *cell.Program
	// typeParams are the type parameters of generic funcs, by source
	// (see typeParamClash).
	typeParams map[string][]string
	// shimsLoaded are the shims compiled so far (see Shim).
	shimsLoaded map[string]bool
	// runID is the interpreter's run id (see interrupt.go), nil if this
	// yaegi has none.
	runID *uint64
	ids   typeIDs // the cells' types by the interpreter's names for them
	// compiling is set while the interpreter compiles (LogFilter); a
	// session that replaces another (%reset) takes over its flag.
	compiling *atomic.Bool
	version   map[string]int
	byName    map[string]string                     // package name -> preferred import path
	named     map[string][]string                   // package name -> all import paths of that name
	exports   map[string][]map[string]reflect.Value // import path -> its symbol tables
	byPath    map[string]string                     // import path -> package name
	trace     *lockedBuffer                         // the interpreter's own panic trace lines
	result    *display.Bundle                       // value of the running cell's last expression
	stdin     io.Reader
	docs      map[string]*pkgDocs // package docs, by import path
	// fromSource reads a package's docs from its source (sourceDocs;
	// tests replace it to act as a machine without one).
	fromSource func(path string) *pkgDocs
	stdDocs    func() map[string]*pkgDocs // the standard library's docs file (stdDocsFile)
	// twinsLoaded says the standard packages' twins are declared (loadTwins).
	twinsLoaded bool
	// defineTypes are the static types of the cells' defines that the
	// cell compiler tells (cell.Program.DefineTypes).
	defineTypes map[string]string
}

// preferred settles the package-name clashes that "shortest import path
// wins" gets wrong or ties on, for automatic imports.
var preferred = map[string]string{
	"rand":     "math/rand",
	"template": "text/template",
	"scanner":  "text/scanner",
	"pprof":    "runtime/pprof",
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
	errorsToFmt()
	s := &Session{
		rt:       &hooks{},
		imported: map[string]string{},
		defined:  map[string]bool{},
		sources:  map[string]string{},
		docs:     map[string]*pkgDocs{}, fromSource: sourceDocs, stdDocs: stdDocsFile,
		typeParams:    map[string][]string{},
		refs:          map[string][]string{},
		mrefs:         map[string][]string{},
		trefs:         map[string][]string{},
		types:         map[string]bool{},
		methods:       map[string]map[string]string{},
		alias:         map[string]string{},
		pending:       map[string]string{},
		typed:         map[int]cell.Typed{},
		defineTypes:   map[string]string{},
		funcValues:    map[string]string{},
		valueRefs:     map[string][]string{},
		paramsRenamed: map[string]bool{},
		shimsLoaded:   map[string]bool{},
		compiling:     &atomic.Bool{},
		version:       map[string]int{},
		byName:        map[string]string{},
		named:         map[string][]string{},
		exports:       map[string][]map[string]reflect.Value{},
		byPath:        map[string]string{},
		trace:         &lockedBuffer{},
		stdin:         stdin,
	}
	s.rt.result = func(b display.Bundle) { s.result = &b }
	s.in = interp.New(interp.Options{
		Stdin:  stdin, // fmt.Scan and friends
		Stdout: os.Stdout,
		Stderr: &traceSplitter{trace: s.trace, rest: os.Stderr},
		Env:    os.Environ(),
		Args:   []string{"fountain"},
	})
	s.runID = runIDOf(s.in)
	s.ids = typeIDs{in: s.in}
	// os.Stdin is replaced after the stdlib is loaded: loading it resets
	// os. time.Sleep wakes on an interrupt (see interrupt.go).
	own := interp.Exports{"os/os": {"Stdin": reflect.ValueOf(&s.stdin).Elem()},
		"time/time": {"Sleep": reflect.ValueOf(s.rt.interrupts.sleep)},
		// weak is all generic: its shim has it all, the package is empty.
		"weak/weak": {}, rtHelpersPath + "/" + rtHelpersPath: rtHelpers}
	for _, tables := range []interp.Exports{stdlib.Symbols, newerStdlib(), symbols.Symbols, own} {
		if err := s.in.Use(tables); err != nil {
			return nil, fmt.Errorf("load symbols: %w", err)
		}
	}
	if _, err := s.in.Compile(iterSource); err != nil {
		return nil, fmt.Errorf("package iter: %w", err)
	}
	if _, err := s.in.Compile(inlineOrdered(slicesExtra)); err != nil {
		return nil, fmt.Errorf("slices additions: %w", err)
	}
	if _, err := s.in.Compile(mapsExtra); err != nil {
		return nil, fmt.Errorf("maps additions: %w", err)
	}
	if _, err := s.in.Compile(inlineOrdered(cmpExtra)); err != nil {
		return nil, fmt.Errorf("cmp additions: %w", err)
	}
	if _, err := s.in.Compile(uniqueSource); err != nil {
		return nil, fmt.Errorf("package unique: %w", err)
	}
	if err := s.in.Use(interp.Exports{"fountainrt/fountainrt": s.rt.symbols()}); err != nil {
		return nil, fmt.Errorf("load runtime: %w", err)
	}
	fmtSyms, wrappers := fmtSymbols(&s.rt.stringers, os.Stdout, s.in.Symbols("log")["log"])
	if err := s.in.Use(fmtSyms); err != nil {
		return nil, fmt.Errorf("load fmt: %w", err)
	}
	s.rt.json.st, s.rt.json.source = &s.rt.stringers, s.runSource
	jsonSyms := s.rt.json.symbols()
	for name, v := range jsonSyms {
		wrappers[v] = stdlib.MapTypes[stdlib.Symbols["encoding/json/json"][name]]
	}
	if err := s.in.Use(interp.Exports{"encoding/json/fountainjson": jsonSyms}); err != nil {
		return nil, fmt.Errorf("load encoding/json: %w", err)
	}
	if err := s.in.Use(interp.Exports{".": {"MapTypes": reflect.ValueOf(wrappers)}}); err != nil {
		return nil, fmt.Errorf("load fmt: %w", err)
	}
	s.indexPackages()
	if _, err := s.in.Eval(strings.ReplaceAll(prelude, "_fountain_cmp.Ordered", cell.OrderedUnion)); err != nil { // see inlineOrdered
		return nil, fmt.Errorf("prelude: %w", err)
	}
	return s, nil
}

// sourcePackages are the standard packages the interpreter has from
// source (their generic functions cannot be extracted).
var sourcePackages = []string{"slices", "maps", "cmp", "iter", "unique"}

// newerStdlib returns what the standard library of the Go in use has that
// the interpreter's tables lack: only that, so that the interpreter's own
// versions of fmt, os and log functions (which write to the cell) stay.
func newerStdlib() interp.Exports {
	out := interp.Exports{}
	for pkg, syms := range stdsyms.Symbols {
		for name, v := range syms {
			if _, have := stdlib.Symbols[pkg][name]; have {
				continue
			}
			if out[pkg] == nil {
				out[pkg] = map[string]reflect.Value{}
			}
			out[pkg][name] = v
		}
	}
	return out
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

// errorsToFmt makes fmt's and log's printing funcs see the Error method
// of the cells' types. yaegi passes a cell's value to a compiled func's
// interface parameter wrapped as one of the interfaces its table lists for
// that func (stdlib.MapTypes), and lists Formatter and Stringer but not
// error: fmt.Println(err) printed the struct's fields. error goes before
// Stringer, as fmt prefers Error. The table is yaegi's, for the process:
// changed once, before any interpreter reads it.
var errorsToFmt = sync.OnceFunc(func() {
	stringer := reflect.TypeOf((*fmt.Stringer)(nil)).Elem()
	errType := reflect.TypeOf((*error)(nil)).Elem()
	for fn, types := range stdlib.MapTypes {
		if i := slices.Index(types, stringer); i >= 0 && !slices.Contains(types, errType) {
			stdlib.MapTypes[fn] = slices.Insert(slices.Clone(types), i, errType)
		}
	}
})

func (s *Session) indexPackages() {
	var paths []string
	for k := range stdlib.Symbols {
		paths = append(paths, k)
	}
	for k := range symbols.Symbols {
		paths = append(paths, k)
	}
	for k := range stdsyms.Symbols {
		if _, dup := stdlib.Symbols[k]; !dup {
			paths = append(paths, k)
		}
	}
	sort.Strings(paths)
	for _, k := range paths {
		p, name := path.Dir(k), path.Base(k)
		if p == "." || strings.Contains(p, "internal") {
			continue
		}
		s.byPath[p] = name
		if !slices.Contains(s.named[name], p) {
			s.named[name] = append(s.named[name], p)
		}
		for _, table := range []interp.Exports{stdlib.Symbols, symbols.Symbols, stdsyms.Symbols} {
			if t, ok := table[k]; ok {
				s.exports[p] = append(s.exports[p], t)
			}
		}
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
	for _, p := range append(sourcePackages, "weak") {
		s.byPath[p] = p
		s.byName[p] = p
	}
}

// Imported implements cell.Env.
func (s *Session) Imported(name string) (string, bool) { p, ok := s.imported[name]; return p, ok }

// Defined implements cell.Env.
func (s *Session) Defined(name string) bool {
	return s.defined[name] || s.declaring != nil && slices.Contains(s.declaring.Defines, name)
}

// PackageByName implements cell.Env.
func (s *Session) PackageByName(name string) (string, bool) { p, ok := s.byName[name]; return p, ok }

// PackageWith implements cell.PackageChooser: of the packages named name,
// the one that has the most of members (math/rand/v2 for rand.NewPCG),
// the preferred one (PackageByName) on a tie.
func (s *Session) PackageWith(name string, members []string) (string, bool) {
	best, ok := s.byName[name]
	has := func(p string) int {
		n := 0
		for _, m := range members {
			found := shimMembers[p][m]
			for _, t := range s.exports[p] {
				_, in := t[m]
				found = found || in
			}
			if found {
				n++
			}
		}
		return n
	}
	score := has(best)
	for _, p := range s.named[name] {
		if n := has(p); n > score {
			best, score, ok = p, n, true
		}
	}
	return best, ok
}

// PackageName implements cell.Env.
func (s *Session) PackageName(p string) string { return s.byPath[p] }

// IsInteger implements cell.Env: it looks at the value of a name an earlier
// cell defined (reading a variable or constant has no side effects).
func (s *Session) IsInteger(name string) bool {
	v, ok := s.valueOf(name)
	if !ok {
		return false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// MethodSig implements cell.Env from the compiled packages' tables.
func (s *Session) MethodSig(p, typ, method string, ptr bool) (params, results []string, variadic, ok bool) {
	t := s.compiledType(p, typ)
	if t == nil {
		return nil, nil, false, false
	}
	if ptr {
		t = reflect.PointerTo(t)
	}
	m, found := t.MethodByName(method)
	if !found {
		return nil, nil, false, false
	}
	return funcSig(m.Type, 1) // the receiver first
}

// runSource is Source for the evaluator's code that runs with the cell
// (json's plans): the running cell's declarations first, which record
// makes the session's only once the cell ends.
func (s *Session) runSource(name string) string {
	if p := s.running.Load(); p != nil {
		if src, ok := p.Sources[name]; ok {
			return src
		}
	}
	return s.Source(name)
}

// FuncSig implements cell.Env.
func (s *Session) FuncSig(p, name string) (params, results []string, variadic, ok bool) {
	key := p + "/" + s.byPath[p]
	for _, tables := range []interp.Exports{stdsyms.Symbols, stdlib.Symbols, symbols.Symbols} {
		if v, found := tables[key][name]; found && v.Kind() == reflect.Func {
			return funcSig(v.Type(), 0)
		}
	}
	return nil, nil, false, false
}

// Interface implements cell.Env: the compiled package path's interface
// type typ written as an interface literal.
func (s *Session) Interface(p, typ string) (string, bool) {
	t := s.compiledType(p, typ)
	if t == nil || t.Kind() != reflect.Interface || t.NumMethod() == 0 {
		return "", false
	}
	var methods []string
	for i := range t.NumMethod() {
		m := t.Method(i)
		if !m.IsExported() {
			return "", false
		}
		params, results, variadic, ok := funcSig(m.Type, 0)
		if !ok {
			return "", false
		}
		if variadic {
			params[len(params)-1] = "..." + strings.TrimPrefix(params[len(params)-1], "[]")
		}
		methods = append(methods, m.Name+"("+strings.Join(params, ", ")+") ("+strings.Join(results, ", ")+")")
	}
	return "interface{ " + strings.Join(methods, "; ") + " }", true
}

// compiledType returns the type typ of the compiled package path, or nil.
func (s *Session) compiledType(p, typ string) reflect.Type {
	key := p + "/" + s.byPath[p]
	for _, tables := range []interp.Exports{stdsyms.Symbols, stdlib.Symbols, symbols.Symbols} {
		if v, found := tables[key][typ]; found && v.Kind() == reflect.Pointer && v.IsNil() {
			return v.Type().Elem()
		}
	}
	return nil
}

// funcSig returns the parameter and result types of ft, as source, from
// its parameter from on, and whether it is variadic; false if a type
// cannot be written (of an unexported or internal package).
func funcSig(ft reflect.Type, from int) (params, results []string, variadic, ok bool) {
	text := func(t reflect.Type) (string, bool) {
		s := t.String()
		return s, !strings.Contains(s, "internal") && exportedRE.MatchString(s)
	}
	for i := from; i < ft.NumIn(); i++ {
		s, good := text(ft.In(i))
		if !good {
			return nil, nil, false, false
		}
		params = append(params, s)
	}
	for i := range ft.NumOut() {
		s, good := text(ft.Out(i))
		if !good {
			return nil, nil, false, false
		}
		results = append(results, s)
	}
	return params, results, ft.IsVariadic(), true
}

// exportedRE matches type text whose qualified names are all exported.
var exportedRE = regexp.MustCompile(`^(?:[^.]|\.[A-Z])*$`)

// Methods implements cell.Env.
func (s *Session) Methods(t string) []string {
	var out []string
	for _, src := range s.methods[t] {
		if src != "" {
			out = append(out, src)
		}
	}
	if p := s.preparing; p != nil {
		for k, src := range p.Sources {
			if strings.HasPrefix(k, t+".") && !slices.Contains(out, src) {
				out = append(out, src)
			}
		}
	}
	return out
}

// valueOf returns the value of a top-level name an earlier cell defined
// (reading a variable or constant has no side effects).
func (s *Session) valueOf(name string) (reflect.Value, bool) {
	if !s.defined[name] {
		return reflect.Value{}, false
	}
	v, err := s.in.Eval(name)
	return v, err == nil && v.IsValid()
}

// HoldsInterface implements cell.Env: the interpreter keeps a variable's
// static type, which for error and any is the interface itself (any, in
// yaegi's wrapper type).
func (s *Session) HoldsInterface(name string) string {
	v, ok := s.valueOf(name)
	switch {
	case !ok:
		return ""
	case v.Type() == reflect.TypeFor[error]():
		return "error"
	case v.Type() == reflect.TypeFor[any]():
		return "any"
	case v.Type().Name() == "valueInterface":
		// yaegi's value of any interface type of the cells' as well: one
		// declared with another interface type is not an any.
		t := declaredVarType(s.sources[name])
		if t == "" {
			t = s.defineTypes[name]
		}
		if t != "" && t != "any" && t != "interface{}" {
			return ""
		}
		return "any"
	}
	return ""
}

// declaredVarType returns the type a var declaration of one name, src,
// writes, or "".
func declaredVarType(src string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return ""
	}
	g, ok := f.Decls[0].(*ast.GenDecl)
	if !ok || g.Tok != token.VAR || len(g.Specs) != 1 {
		return ""
	}
	if vs := g.Specs[0].(*ast.ValueSpec); vs.Type != nil {
		return types.ExprString(vs.Type)
	}
	return ""
}

// VarType implements cell.Env.
func (s *Session) VarType(name string) string { return s.defineTypes[name] }

// HoldsChans implements cell.Env, as IsInteger does.
func (s *Session) HoldsChans(name string) bool {
	v, ok := s.valueOf(name)
	if !ok {
		return false
	}
	switch t := v.Type(); t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return t.Elem().Kind() == reflect.Chan && t.Elem().ChanDir()&reflect.RecvDir != 0
	}
	return false
}

// CellError is a failed cell, shaped for an error reply.
type CellError struct {
	Name, Value string
	Traceback   []string
}

// Error implements error.
func (e *CellError) Error() string { return e.Name + ": " + e.Value }

// errInterrupted is what a cell interrupted while waiting panics with
// (time.Sleep) or gets as an error (reading stdin).
var errInterrupted = errors.New("interrupted")

// Run compiles and runs one cell. It returns the value of the cell's last
// expression as a bundle, if it has one.
func (s *Session) Run(ctx context.Context, code string) (*display.Bundle, error) {
	defer clear(s.pending)
	prog, versioned, progs, err := s.compileCell(code)
	if err != nil {
		return nil, s.runError(ctx, code, err)
	}
	s.commitNames(prog, versioned)
	// Until record, the cell's own declarations are known to its run.
	s.running.Store(prog)
	defer s.running.Store(nil)
	// The cell's String and Error methods format its values in compiled
	// code from its first statement on.
	s.compiling.Store(true) // what yaegi logs as it fails is not the cell's output
	s.rt.stringers.learn(s.in, prog.Types, prog.Sources, s.Rename)
	s.rt.stringers.learnInstances(s.in, prog.Instances, func(key string) string {
		if src, ok := prog.Sources[key]; ok {
			return src // this cell's
		}
		return s.sources[key]
	}, s.Rename)
	s.rt.json.learn(s.in, prog.Sources, s.Rename)
	s.compiling.Store(false)
	s.result = nil
	hardCtx, hard := context.WithCancel(context.Background())
	defer hard()
	st := newStop(hard)
	done := make(chan struct{})
	defer close(done)
	go s.watch(ctx, st, s.rt.interrupts.arm(), done)
	s.rt.atEnd = nil
	for _, p := range progs {
		s.trace.take()
		_, err := s.in.ExecuteWithContext(hardCtx, p)
		stopped := st.stopped.Load()
		if err == nil && !stopped {
			continue
		}
		// A panic or an interrupt: as in any notebook, what ran before it
		// stays done and defined.
		s.record(prog)
		if stopped {
			st.end()
			return nil, s.stoppedError(st)
		}
		// As Go runs defers in a panic: one that recovers it ends the
		// cell as if it had returned.
		var p interp.Panic
		if errors.As(err, &p) {
			s.rt.panicked = &cellPanic{value: p.Value}
		}
		endErr := s.runAtEnd()
		recovered := s.rt.panicked != nil && s.rt.panicked.taken
		s.rt.panicked = nil
		if recovered {
			if endErr != nil {
				return nil, s.runError(ctx, code, endErr)
			}
			return nil, nil
		}
		return nil, s.runError(ctx, code, err)
	}
	s.record(prog)
	if stale := s.staleValues; len(stale) > 0 {
		failed := s.remake(stale)
		for _, name := range stale {
			if err, ok := failed[name]; ok {
				fmt.Fprintf(os.Stderr, "note: %s keeps what it called before: its func literal does not compile with the new definitions (%s)\n", name, unplaced(err))
			}
		}
	}
	if err := s.runAtEnd(); err != nil {
		return nil, s.runError(ctx, code, err)
	}
	if ctx.Err() != nil {
		// Interrupted, the cell ended by itself (it took the error of an
		// interrupted stdin read): it was interrupted all the same.
		return nil, s.runError(ctx, code, ctx.Err())
	}
	return s.result, nil
}

// runAtEnd runs the calls the cell's own statements deferred
// (cell.HelperAtEnd), last first. A panic in one ends the cell with it, once
// the others ran, as in a Go func.
func (s *Session) runAtEnd() error {
	calls := s.rt.atEnd
	s.rt.atEnd = nil
	var err error
	for i := len(calls) - 1; i >= 0; i-- {
		func() {
			defer func() {
				if r := recover(); r != nil && err == nil {
					err = interp.Panic{Value: r}
				}
			}()
			calls[i]()
		}()
	}
	return err
}

// compileCell compiles a cell's chunks, all before any runs, finding out
// with probes what types its statements need (cell.Typed). On failure,
// what the failed compile declared is undone as far as it can be.
func (s *Session) compileCell(code string) (*cell.Program, []string, []*interp.Program, error) {
	clear(s.typed)
	s.keepMethods = false
	var first error // the cell's own error, before any rewrite
	for probes := 0; ; probes++ {
		prog, versioned, chunks, err := s.prepare(code)
		if err != nil && len(s.staleTypes) > 0 && !s.keepMethods {
			s.keepMethods = true // a method that no longer compiles
			continue
		}
		if err != nil {
			return nil, nil, nil, s.compileError(code, err)
		}
		for _, im := range prog.Imports {
			src := fmt.Sprintf("import %s %q", im.Name, im.Path)
			if _, err := s.in.Eval(src); err != nil {
				return nil, nil, nil, &CellError{Name: "ImportError", Value: fmt.Sprintf("cannot import %q: %v", im.Path, err)}
			}
			s.imported[im.Name] = im.Path
		}
		if probes == 0 { // the imports it needs are in; a retry has the same
			s.namePackageTypes(code)
		}
		if err := s.loadTwins(chunks); err != nil {
			return nil, nil, nil, err
		}
		if probes < maxProbes && s.probeEager(code, prog, chunks) {
			continue // the cell again, with what the probe found
		}
		progs, failed, err := s.compileChunks(chunks)
		if err == nil {
			return prog, versioned, progs, nil
		}
		if first == nil {
			first = err
		}
		// yaegi keeps what the failed compile declared, half made.
		s.poisoned(prog, versioned)
		if len(s.staleTypes) > 0 && failed == s.methodsAt {
			fmt.Fprintf(os.Stderr, "note: the methods of %s keep what they called before: they do not compile with the new definitions (%s)\n",
				strings.Join(s.staleTypes, ", "), unplaced(err))
			s.keepMethods = true
			// The funcs the failed compile declared half made get their
			// earlier definitions back.
			clear(s.pending)
			s.restore(prog)
			continue // the cell again, without new versions of those types
		}
		if probes < maxProbes && s.probe(code, chunks[failed].Sites, failed) {
			continue // the cell again, with what the probe found
		}
		// Names earlier chunks declared stay unknown to later cells, and
		// funcs the cell redefined get their previous definitions back.
		clear(s.pending)
		s.restore(prog)
		for _, t := range s.typed {
			if t.Type != "" {
				// A rewrite made it further: its error is the one to fix.
				first = err
				break
			}
		}
		return nil, nil, nil, first
	}
}

// probeEager probes a site the compiler wants typed before the cell runs
// (cell.Program.Eager), if one is left, and reports whether it did.
func (s *Session) probeEager(code string, prog *cell.Program, chunks []cell.Chunk) bool {
	if len(prog.Eager) == 0 {
		return false
	}
	for i, ch := range chunks {
		var want []int
		for _, at := range ch.Sites {
			if slices.Contains(prog.Eager, at) {
				want = append(want, at)
			}
		}
		if len(want) > 0 && s.probe(code, want, i) {
			return true
		}
	}
	return false
}

// namePackageTypes gives the compiled packages' types the cell names
// (time.Duration) their ids in the interpreter (see typeIDs).
func (s *Session) namePackageTypes(code string) {
	for _, m := range pkgTypeRE.FindAllStringSubmatch(code, -1) {
		p, ok := s.imported[m[1]]
		if !ok {
			continue
		}
		key := p + "/" + s.byPath[p]
		for _, tables := range []interp.Exports{stdsyms.Symbols, stdlib.Symbols, symbols.Symbols} {
			if v, ok := tables[key][m[2]]; ok {
				if v.Kind() == reflect.Pointer && v.IsNil() { // how the tables hold a type
					s.ids.name(m[1], m[2])
				}
				break
			}
		}
	}
}

var pkgTypeRE = regexp.MustCompile(`\b([a-z][A-Za-z0-9_]*)\.([A-Z][A-Za-z0-9_]*)\b`)

// prepare compiles the cell to chunks, the types it redefines under new
// internal names.
func (s *Session) prepare(code string) (*cell.Program, []string, []cell.Chunk, error) {
	s.staleTypes = nil
	prog, err := cell.Compile(code, s)
	if err != nil {
		return nil, nil, nil, err
	}
	clashing, err := s.typeParamClash(code, prog)
	if err != nil {
		return nil, nil, nil, err
	}
	// A type the cell redefines, or whose method it redefines, lives on
	// under a new internal name: yaegi ignores a second declaration of
	// either. Old values keep the old type, as in any notebook language.
	clear(s.pending)
	versioned := s.typesToVersion(prog)
	// Every declaration of a generic func gets a name of its own: yaegi
	// keeps one instance per func name and type arguments, for all
	// packages, so the old body, or cmp.Compare's, would answer for it.
	versioned = append(versioned, prog.Generic...)
	// And one of an earlier cell with a type parameter named as what the
	// cell declares: it is compiled again with the parameter renamed.
	versioned = append(versioned, clashing...)
	// So does a generic func of an earlier cell that calls what the cell
	// redefines: yaegi would keep its instances, made with the old. And a
	// type of an earlier cell with a method that does: yaegi keeps a
	// type's first methods, bound to what they called then. Each of these
	// may make more stale.
	for {
		more := s.staleGeneric(prog, versioned)
		if !s.keepMethods {
			types := s.staleTypesOf(prog, append(versioned, more...))
			s.staleTypes = append(s.staleTypes, types...)
			more = append(more, types...)
		}
		if len(more) == 0 {
			break
		}
		versioned = append(versioned, more...)
	}
	for _, n := range prog.Defines {
		if _, had := s.alias[n]; had && !slices.Contains(versioned, n) && !slices.Contains(prog.Types, n) {
			s.pending[n] = n // now a plain func or a var: its own name
		}
	}
	if len(versioned) > 0 {
		for _, t := range versioned {
			s.pending[t] = fmt.Sprintf("%s__%d", t, s.version[t]+2)
		}
		if prog, err = cell.Compile(code, s); err != nil {
			return nil, nil, nil, err
		}
	}
	s.insertRebind(prog, versioned)
	s.staleValues = s.staleFuncValues(prog, versioned)
	s.declaring = prog
	chunks, err := s.withCarried(versioned, prog)
	s.declaring = nil
	return prog, versioned, chunks, err
}

// changedBy returns the names of earlier cells that prog defines again
// (less the types it declares as they were), and the versioned types and
// generic funcs.
func (s *Session) changedBy(prog *cell.Program, versioned []string) map[string]bool {
	changed := map[string]bool{}
	for _, n := range prog.Defines {
		// A type declared again as it was is not versioned: unchanged.
		if s.defined[n] && (!slices.Contains(prog.Types, n) || slices.Contains(versioned, n)) {
			changed[n] = true
		}
	}
	for _, n := range versioned {
		changed[n] = true
	}
	return changed
}

// staleGeneric lists the generic funcs of earlier cells that refer,
// directly or through other funcs, to what the cell redefines (among it
// the versioned types and generic funcs), less those versioned.
func (s *Session) staleGeneric(prog *cell.Program, versioned []string) []string {
	var out []string
	for _, f := range s.staleFuncs(s.changedBy(prog, versioned), prog) {
		if strings.HasPrefix(s.sources[f], "func "+f+"[") && !slices.Contains(versioned, f) {
			out = append(out, f)
		}
	}
	return out
}

// staleTypesOf lists the types of earlier cells, less those versioned,
// whose declaration names a type or const the cell redefines or versions
// (Outer embedding a versioned Sq), or with a method that refers, directly
// or through funcs, to what the cell redefines (among it the versioned
// types and generic funcs).
func (s *Session) staleTypesOf(prog *cell.Program, versioned []string) []string {
	changed := s.changedBy(prog, versioned)
	if len(changed) == 0 {
		return nil // most cells
	}
	var out []string
	for t, refs := range s.trefs {
		if !slices.Contains(versioned, t) &&
			slices.ContainsFunc(refs, func(r string) bool { return r != t && changed[r] }) {
			out = append(out, t)
		}
	}
	for _, f := range s.staleFuncs(changed, prog) {
		changed[f] = true
	}
	for key, refs := range s.mrefs {
		t, _, _ := strings.Cut(key, ".")
		if slices.Contains(versioned, t) || slices.Contains(out, t) {
			continue
		}
		if slices.ContainsFunc(refs, func(r string) bool { return r != t && changed[r] }) {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// staleFuncValues lists the variables earlier cells set to func literals
// that refer, directly or through funcs, to what the cell redefines, less
// those the cell sets: yaegi binds a literal's calls when it makes it.
func (s *Session) staleFuncValues(prog *cell.Program, versioned []string) []string {
	changed := s.changedBy(prog, versioned)
	if len(changed) == 0 {
		return nil // most cells
	}
	for _, f := range s.staleFuncs(changed, prog) {
		changed[f] = true
	}
	var out []string
	for _, name := range s.funcOrder {
		if _, own := prog.FuncValues[name]; own || changed[name] {
			continue
		}
		if slices.ContainsFunc(s.valueRefs[name], func(r string) bool { return changed[r] }) {
			out = append(out, name)
		}
	}
	return out
}

// remake sets the variables names, which cells set to func literals, to
// those literals again, and returns the errors of those it cannot set.
func (s *Session) remake(names []string) map[string]error {
	failed := map[string]error{}
	for _, name := range names {
		_, _, progs, err := s.compileCell(name + " = " + s.funcValues[name])
		for _, p := range progs {
			if _, err = s.in.Execute(p); err != nil {
				break
			}
		}
		if err != nil {
			failed[name] = err
		}
	}
	return failed
}

// insertRebind puts a chunk that compiles the funcs of earlier cells that
// the cell's redefinitions make stale again right after the cell's last
// redefinition, so that the cell's own statements after it already call
// the new definitions: yaegi binds a call to the func that existed when
// the caller was compiled. The chunks withCarried adds for a versioned
// type come before it.
func (s *Session) insertRebind(prog *cell.Program, versioned []string) {
	s.rebindAt = -1
	changed := s.changedBy(prog, versioned)
	// Funcs that assert to interfaces list the types that implement them
	// (cell.RefTypes): a type or a method the cell declares may be one.
	typesAt := -1
	for n, i := range prog.DeclChunk {
		if t, _, method := strings.Cut(n, "."); method || slices.Contains(prog.Types, t) {
			typesAt = max(typesAt, i)
		}
	}
	if typesAt >= 0 {
		changed[cell.RefTypes] = true
	}
	s.stale = s.staleFuncs(changed, prog)
	if len(s.stale) == 0 {
		return
	}
	at := -1
	for n, i := range prog.DeclChunk {
		t, _, _ := strings.Cut(n, ".")
		if changed[t] {
			at = max(at, i)
		}
	}
	if typesAt >= 0 && slices.ContainsFunc(s.stale, func(f string) bool { return slices.Contains(s.refs[f], cell.RefTypes) }) {
		at = max(at, typesAt)
	}
	// A generic func versioned without the cell declaring it (its type
	// parameter is a name the cell declares) is carried in right after the
	// cell's types (see withCarried): its callers follow it.
	placed := at >= 0
	if !placed && slices.ContainsFunc(versioned, func(n string) bool { _, own := prog.DeclChunk[n]; return !own && !s.types[n] }) {
		at, placed = typesAt, true
	}
	s.preparing = prog // its types and methods, for the stale funcs to see
	src, err := s.funcsChunk(s.stale)
	s.preparing = nil
	if err != nil || !placed {
		fmt.Fprintf(os.Stderr, "note: %s not updated for the new definition: %v\n", strings.Join(s.stale, ", "), err)
		return
	}
	prog.Chunks = slices.Insert(slices.Clone(prog.Chunks), at+1, cell.Chunk{Kind: cell.Decl, Src: src})
	for n, i := range prog.DeclChunk {
		if i > at {
			prog.DeclChunk[n] = i + 1
		}
	}
	s.rebindAt = at + 1
}

// rebindEach compiles the stale funcs one by one, when they do not compile
// together: one that no longer compiles with the cell's new definitions
// becomes a func of the same signature that panics saying so (yaegi keeps
// a func whose compile failed half made: calling it would crash), and the
// cell goes on. Then all are compiled together again, so that they bind
// to each other.
func (s *Session) rebindEach() (*interp.Program, error) {
	var srcs []string
	for _, f := range s.stale {
		src, err := s.funcsChunk([]string{f})
		if err == nil {
			_, err = s.compile(src)
		}
		if err == nil {
			srcs = append(srcs, src)
			continue
		}
		msg := unplaced(err)
		fmt.Fprintf(os.Stderr, "note: %s no longer compiles with the new definitions (%s): define it again\n", f, msg)
		if stub, ok := panicking(s.sources[f], fmt.Sprintf("%s no longer compiles with the definitions it uses (%s): define it again", f, msg)); ok {
			if p, err := cell.Compile(stub, s); err == nil {
				var b strings.Builder
				for _, ch := range p.Chunks {
					b.WriteString(ch.Src + "\n")
				}
				if _, err := s.compile(b.String()); err == nil {
					srcs = append(srcs, b.String())
				}
			}
		}
	}
	return s.compile(strings.Join(srcs, "\n"))
}

// typesApart splits declarations src into its type declarations and the
// rest.
func typesApart(src string) (types, rest string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p;"+src, 0)
	if err != nil {
		return src, ""
	}
	text := "package p;" + src
	var t, r strings.Builder
	for _, d := range f.Decls {
		b := &r
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
			b = &t
		}
		b.WriteString(text[fset.Position(d.Pos()).Offset:fset.Position(d.End()).Offset] + "\n")
	}
	return t.String(), r.String()
}

// unplaced returns the message of a compile error of code in no cell the
// user sees, without its position.
func unplaced(err error) string {
	msg := demangle(err.Error())
	if i := strings.Index(msg, ": "); i >= 0 && strings.Count(msg[:i], ":") == 1 {
		msg = msg[i+2:]
	}
	return msg
}

// panicking returns the func declared in src with its body replaced by a
// panic with msg.
func panicking(src, msg string) (string, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p;"+src, 0)
	if err != nil || len(f.Decls) != 1 {
		return "", false
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return "", false
	}
	text := "package p;" + src
	from, to := fset.Position(fd.Body.Pos()).Offset, fset.Position(fd.Body.End()).Offset
	return text[len("package p;"):from] + fmt.Sprintf("{ panic(%q) }", msg) + text[to:], true
}

// staleFuncs lists the funcs of earlier cells that refer, directly or
// through other funcs, to a name in changed, less those prog declares.
func (s *Session) staleFuncs(changed map[string]bool, prog *cell.Program) []string {
	changed = maps.Clone(changed)
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
	return stale
}

// funcsChunk returns the source of the earlier cells' funcs names as the
// interpreter gets it now (types and generic funcs renamed), as one chunk
// so that they bind to each other whatever order they call each other in.
func (s *Session) funcsChunk(names []string) (string, error) {
	var src []string
	for _, f := range names {
		src = append(src, s.sources[f])
	}
	p, err := cell.Compile(strings.Join(src, "\n"), s)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, ch := range p.Chunks {
		b.WriteString(ch.Src + "\n")
	}
	return b.String(), nil
}

// loadTwins declares the twins of the standard packages' generic funcs
// (see twinFiles) the first time chunks call one: few cells do, and a
// session starts faster without.
func (s *Session) loadTwins(chunks []cell.Chunk) error {
	if s.twinsLoaded || !slices.ContainsFunc(chunks, func(ch cell.Chunk) bool { return strings.Contains(ch.Src, cell.PackageTwinName("")) }) {
		return nil
	}
	for _, src := range twinFiles() {
		if _, err := s.in.Compile(src); err != nil {
			return fmt.Errorf("twins of generic funcs: %w", err)
		}
	}
	s.twinsLoaded = true
	return nil
}

// compileChunks compiles every chunk before any runs: a chunk that does not
// compile leaves the cell without effect, not half run. On failure it
// returns the index of the chunk that failed.
func (s *Session) compileChunks(chunks []cell.Chunk) ([]*interp.Program, int, error) {
	progs := make([]*interp.Program, len(chunks))
	for i, ch := range chunks {
		p, err := s.compile(ch.Src)
		if err != nil && ch.Show {
			// The wrapped expression did not compile: it has no value (a
			// call of a func without results) or is wrong in itself; its
			// plain form's error, if any, has the right columns.
			p, err = s.compile(ch.Plain)
		}
		if err != nil && i == s.rebindAt && i != s.methodsAt {
			p, err = s.rebindEach()
		}
		if err != nil {
			return nil, i, err
		}
		progs[i] = p
		if ch.Kind == cell.Decl {
			s.ids.sync()
		}
	}
	return progs, 0, nil
}

// compile compiles one chunk; yaegi panics on some code it does not
// support: that is the cell's error, not the end of the evaluator.
func (s *Session) compile(src string) (p *interp.Program, err error) {
	s.compiling.Store(true)
	defer s.compiling.Store(false)
	defer s.ids.instances()
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("the interpreter cannot compile this: %v", r)
		}
	}()
	return s.in.Compile(src)
}

// LogFilter returns w less what the interpreter logs itself as it panics
// while compiling ("nil type"): the panic is the cell's error already. The
// worker sets it as the standard logger's output, which cells' log calls
// also use.
func (s *Session) LogFilter(w io.Writer) io.Writer { return &compileLogFilter{s: s, w: w} }

type compileLogFilter struct {
	s *Session
	w io.Writer
}

func (f *compileLogFilter) Write(p []byte) (int, error) {
	if f.s.compiling.Load() && yaegiPanicRE.Match(p) {
		return len(p), nil
	}
	return f.w.Write(p)
}

var yaegiPanicRE = regexp.MustCompile(`(?m) nil (reflect )?type$`)

// commitNames makes the internal names a compiled cell declared its
// versioned types and generic funcs under the current ones. They are in
// effect once the cell compiled, whether or not it runs to its end; a name
// the cell declares otherwise drops its old internal name.
func (s *Session) commitNames(prog *cell.Program, versioned []string) {
	for _, t := range versioned {
		s.alias[t] = s.pending[t]
		s.version[t]++
	}
	for _, n := range prog.Defines {
		if !slices.Contains(versioned, n) && !slices.Contains(prog.Types, n) {
			delete(s.alias, n) // a type declared as it was keeps its name
		}
	}
}

// restore re-declares the earlier versions of funcs a failed cell
// redefined before it failed, and compiles again the funcs that the cell's
// rebind chunk pointed at its new ones. A generic func needs neither: the
// failed cell declared its new version under a new internal name.
func (s *Session) restore(prog *cell.Program) {
	var names []string
	for _, n := range prog.Defines {
		if slices.Contains(prog.Generic, n) {
			continue
		}
		if _, isFunc := prog.Refs[n]; isFunc && s.defined[n] && s.sources[n] != "" {
			names = append(names, n)
		}
	}
	names = append(names, s.stale...)
	if len(names) == 0 {
		return
	}
	if src, err := s.funcsChunk(names); err == nil {
		s.in.Eval(src)
	}
}

// poisoned notes the types and methods a cell that failed to compile
// declared: yaegi keeps them, half made, and ignores a second declaration.
// The next declaration of each gets a new internal name, as a redefinition.
func (s *Session) poisoned(prog *cell.Program, versioned []string) {
	for _, t := range prog.Types {
		s.types[t] = true
	}
	for _, t := range versioned {
		s.version[t]++ // the failed cell's internal name is taken
	}
	for n := range prog.Sources {
		t, m, ok := strings.Cut(n, ".")
		if !ok || !s.types[t] || slices.Contains(prog.Types, t) || slices.Contains(versioned, t) {
			continue
		}
		if _, had := s.methods[t][m]; !had {
			if s.methods[t] == nil {
				s.methods[t] = map[string]string{}
			}
			s.methods[t][m] = "" // no source to carry over
		}
	}
}

// record notes what a cell defined, also when it failed part way (what
// ran before the failure is defined in the interpreter).
func (s *Session) record(prog *cell.Program) {
	for _, g := range prog.Generic {
		s.paramsRenamed[g] = slices.Contains(prog.ParamsRenamed, g)
	}
	for n, refs := range prog.FuncValueRefs {
		s.valueRefs[n] = refs
	}
	for _, n := range prog.FuncOrder {
		if _, seen := s.funcValues[n]; !seen {
			s.funcOrder = append(s.funcOrder, n)
		}
		s.funcValues[n] = prog.FuncValues[n]
	}
	for _, n := range prog.Defines {
		s.defined[n] = true
		if t, ok := prog.DefineTypes[n]; ok {
			s.defineTypes[n] = t
		} else {
			delete(s.defineTypes, n)
		}
	}
	for _, t := range prog.Types {
		s.types[t] = true
	}
	for n, src := range prog.Sources {
		if t, m, ok := strings.Cut(n, "."); ok {
			if s.methods[t] == nil {
				s.methods[t] = map[string]string{}
			}
			s.methods[t][m] = src
		}
		s.sources[n] = src
	}
	for n, refs := range prog.MethodRefs {
		s.mrefs[n] = refs
	}
	for n, refs := range prog.TypeRefs {
		s.trefs[n] = refs
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
}

// typesToVersion lists the types of earlier cells that this cell
// redeclares, or whose methods it redeclares.
func (s *Session) typesToVersion(prog *cell.Program) []string {
	var out []string
	for _, t := range prog.Types {
		if s.types[t] && !s.sameType(prog, t) {
			out = append(out, t)
		}
	}
	for n := range prog.Sources {
		t, m, ok := strings.Cut(n, ".")
		if ok && s.types[t] && !slices.Contains(prog.Types, t) && !slices.Contains(out, t) {
			// A method added to a generic type too: yaegi cannot add one
			// to a generic type an earlier compile declared.
			if _, had := s.methods[t][m]; had || strings.HasPrefix(s.sources[t], "type "+t+"[") {
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

// sameType reports whether prog declares type t of an earlier cell as it
// is, and its methods too, as a cell that runs again does: t keeps its
// version (yaegi ignores the declarations), and with it the values made
// before. staleTypesOf gives it a new one if what it uses changed.
func (s *Session) sameType(prog *cell.Program, t string) bool {
	if prog.Sources[t] != s.sources[t] {
		return false
	}
	generic := strings.HasPrefix(s.sources[t], "type "+t+"[")
	for n, src := range prog.Sources {
		if typ, m, ok := strings.Cut(n, "."); ok && typ == t {
			had, ok := s.methods[t][m]
			if ok && had != src || !ok && generic {
				return false
			}
		}
	}
	return true
}

// withCarried returns the cell's chunks with what a new version of each
// versioned type needs from earlier cells: the type's declaration (when the
// cell only redefines a method) and the methods the cell does not redefine,
// all renamed to the new version.
func (s *Session) withCarried(versioned []string, prog *cell.Program) ([]cell.Chunk, error) {
	// Each carried chunk goes before the chunk of prog's at an index (or
	// at the end), in the order made: they are put in at the end.
	type insert struct {
		at int
		ch cell.Chunk
	}
	var inserts []insert
	typeInserts := 0 // those of types come first
	appendTo := map[int]string{}
	// Carried generic funcs may name the cell's new types: they go after
	// the chunks that declare those.
	afterTypes := 0
	for _, t := range prog.Types {
		if i, ok := prog.DeclChunk[t]; ok {
			afterTypes = max(afterTypes, i+1)
		}
	}
	// The carried declarations and methods of s.staleTypes.
	staleDecls, stale := cell.Chunk{Kind: cell.Decl}, cell.Chunk{Kind: cell.Decl}
	changedAt := s.rebindAt
	if changedAt < 0 {
		changed := s.changedBy(prog, versioned)
		for n, i := range prog.DeclChunk {
			if t, _, _ := strings.Cut(n, "."); changed[t] {
				changedAt = max(changedAt, i+1)
			}
		}
		changedAt = max(changedAt, 0)
	}
	for _, t := range versioned {
		var before, after []string
		if _, declared := prog.DeclChunk[t]; !declared {
			before = append(before, s.sources[t])
		}
		names := make([]string, 0, len(s.methods[t]))
		for m, src := range s.methods[t] {
			if _, redefined := prog.Sources[t+"."+m]; !redefined && src != "" {
				names = append(names, m)
			}
		}
		sort.Strings(names)
		for _, m := range names {
			after = append(after, s.methods[t][m])
		}
		carried := func(srcs []string) (cell.Chunk, error) {
			p, err := cell.Compile(strings.Join(srcs, "\n"), s)
			if err != nil {
				return cell.Chunk{}, fmt.Errorf("carrying %s over to its new definition: %w", t, err)
			}
			var b strings.Builder
			for _, ch := range p.Chunks {
				b.WriteString(ch.Src + "\n")
			}
			return cell.Chunk{Kind: cell.Decl, Src: b.String()}, nil
		}
		// A carried type declaration goes first; the carried methods go
		// right after the cell's last declaration concerning t, so they
		// can call the cell's new methods.
		if len(before) > 0 && slices.Contains(s.staleTypes, t) {
			// With the others, which it may name, and with their methods.
			ch, err := carried(before)
			if err != nil {
				return nil, err
			}
			types, funcs := typesApart(ch.Src)
			staleDecls.Src += types
			stale.Src += funcs
		} else if len(before) > 0 {
			ch, err := carried(before)
			if err != nil {
				return nil, err
			}
			if !s.types[t] {
				inserts = append(inserts, insert{afterTypes, ch}) // a generic func's
			} else {
				inserts = slices.Insert(inserts, typeInserts, insert{0, ch})
				typeInserts++
			}
		}
		at := -1
		for n, i := range prog.DeclChunk {
			if n == t || strings.HasPrefix(n, t+".") {
				at = max(at, i)
			}
		}
		if len(after) == 0 {
			continue
		}
		ch, err := carried(after)
		if err != nil {
			return nil, err
		}
		if slices.Contains(s.staleTypes, t) {
			// Versioned for a method that calls what the cell redefines:
			// the methods go after the new definitions, with the funcs
			// compiled again, if any (they may call each other).
			stale.Src += ch.Src
			continue
		}
		if next := at + 1; next < len(prog.Chunks) && prog.Chunks[next].Kind == cell.Decl && next != s.rebindAt {
			// Compiled with the cell's next declarations, which may be
			// the methods they use (Withdraw returning a LimitError that
			// the cell declares again with its Error), or funcs that use
			// them. At the end: the cell's lines stay where they were.
			appendTo[next] += ch.Src
			continue
		}
		inserts = append(inserts, insert{at + 1, ch})
	}
	// The types go before the cell's funcs, which may name them, and
	// after those of the cell's types they name; the methods the cell
	// compiler writes for them (Outer's promoted Area needs Sq's) go with
	// their carried methods.
	if staleDecls.Src != "" {
		at := 0
		for _, t := range s.staleTypes {
			for _, r := range s.trefs[t] {
				if i, ok := prog.DeclChunk[r]; ok && slices.Contains(prog.Types, r) {
					at = max(at, i+1)
				}
			}
		}
		// After the carried types, before carried generic funcs: they
		// may name the first, the second may name them.
		inserts = slices.Insert(inserts, typeInserts, insert{at, staleDecls})
	}
	rebindAt := s.rebindAt
	s.rebindAt, s.methodsAt = -1, -1
	var chunks []cell.Chunk
	for i := 0; i <= len(prog.Chunks); i++ {
		for _, in := range inserts {
			if in.at == i {
				chunks = append(chunks, in.ch)
			}
		}
		if i == changedAt && stale.Src != "" && rebindAt < 0 {
			s.methodsAt = len(chunks)
			chunks = append(chunks, stale)
		}
		if i < len(prog.Chunks) {
			ch := prog.Chunks[i]
			if src, ok := appendTo[i]; ok {
				ch.Src += "\n" + src
			}
			if i == rebindAt {
				s.rebindAt = len(chunks)
				if stale.Src != "" {
					s.methodsAt = len(chunks)
					ch.Src = stale.Src + ch.Src
				}
			}
			chunks = append(chunks, ch)
		}
	}
	return chunks, nil
}

// Types returns the types the cells declared, in name order (cell.Env).
func (s *Session) Types() []string {
	all := slices.Collect(maps.Keys(s.types))
	if p := s.preparing; p != nil {
		all = append(all, p.Types...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// Rename implements cell.Env.
func (s *Session) Rename(name string) string {
	if r, ok := s.pending[name]; ok {
		return r
	}
	if r, ok := s.alias[name]; ok {
		return r
	}
	return name
}

var internalNameRE = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*?)__\d+\b`)

// demangle shows the user's names for versioned types in messages.
func demangle(msg string) string { return internalNameRE.ReplaceAllString(msg, "$1") }

var posRE = regexp.MustCompile(`^(?:[^:\s]*:)?(\d+):(\d+): (.*)$`)

// compileError formats an error with the offending cell line and a caret.
func (s *Session) compileError(code string, err error) error {
	var ce *cell.Error
	if errors.As(err, &ce) {
		return &CellError{Name: "SyntaxError", Value: ce.Msg, Traceback: pointAt(code, ce.Line, ce.Col, ce.Msg)}
	}
	var bug *cell.CompilerBug
	if errors.As(err, &bug) {
		return &CellError{Name: "InternalError", Value: err.Error(), Traceback: []string{err.Error()}}
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

// remakeFuncValues sets the variables cells set to func literals to the
// same literals again: yaegi's interrupt bumps one run id for all
// interpreted code, and a closure made before it then returns zero values
// without running. (Func values held in structs, maps or slices cannot be
// made again: the interrupt's error says so.)
func (s *Session) remakeFuncValues() {
	s.remake(s.funcOrder) // one that fails: the name or what the literal uses is gone
}

// stoppedError is the error of a cell stopped by yaegi's stop (see
// interrupt.go), saying what else stopped with it.
func (s *Session) stoppedError(st *stop) error {
	restored, lost := s.afterStop(st)
	msg := "the cell was interrupted"
	if lost > 0 {
		msg += fmt.Sprintf("; %d goroutine(s) running interpreted code stopped too (the interpreter stops all interpreted code to stop a busy cell; goroutines that were waiting, and compiled work such as live tables and queries, go on)", lost)
	}
	if !restored {
		// The cell's goroutine is blocked in compiled code: yaegi's
		// run id stays raised, and every closure made before is dead.
		s.remakeFuncValues()
		msg += "; the cell is still blocked in compiled code, so all interpreted code made before it stopped: func values assigned to variables were made again, but goroutines and closures kept elsewhere (in structs, maps, slices, or made by calls) no longer run: re-run the cells that made them"
	}
	return &CellError{Name: "Interrupted", Value: msg, Traceback: []string{"Interrupted: " + msg}}
}

func (s *Session) runError(ctx context.Context, code string, err error) error {
	var p interp.Panic
	if ctx.Err() != nil || errors.As(err, &p) && p.Value == errInterrupted {
		msg := "the cell was interrupted"
		return &CellError{Name: "Interrupted", Value: msg, Traceback: []string{"Interrupted: " + msg}}
	}
	var ce *CellError
	if errors.As(err, &ce) {
		return ce // formatted already (a syntax or import error)
	}
	if errors.As(err, &p) {
		p.Value = goPanicValue(p.Value)
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
