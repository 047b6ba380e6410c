package worker

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"

	"github.com/fountain-go/fountain/kernel/cell"
)

// The interpreter alone knows the types some statements need to be
// compiled (a range over a func, a define of a generic call's result):
// when a chunk does not compile, it is compiled again with those
// statements as probes, whose errors name the types (see cell.Typed).

// maxProbes bounds the compiles of one cell spent finding out the types
// its statements need (cell.Typed).
const maxProbes = 16

// Typed implements cell.Env with what probes found.
func (s *Session) Typed(off int) cell.Typed { return s.typed[off] }

// Source implements cell.Env: the declaration of an earlier cell's name,
// or of a func of a package the interpreter has from source ("slices.Sort").
func (s *Session) Source(name string) string {
	if p := s.preparing; p != nil {
		if src, ok := p.Sources[name]; ok {
			return src
		}
	}
	if src, ok := s.sources[name]; ok {
		return src
	}
	return sourceFuncs()[name]
}

// probe finds out the operand's type of a statement of the failed chunk
// that needs one and has none yet (cell.Typed): it compiles the chunk with
// all such statements as probes, and the first one the interpreter gets
// to names its type in its error. It reports whether there was one.
func (s *Session) probe(code string, sites []int, failed int) bool {
	var unknown []int
	for _, at := range sites {
		if _, known := s.typed[at]; !known {
			unknown = append(unknown, at)
			s.typed[at] = cell.Typed{Probe: true}
		}
	}
	if len(unknown) == 0 {
		return false
	}
	prog, versioned, chunks, err := s.prepare(code)
	if err == nil && failed < len(chunks) {
		// The chunks before declare what the probed one may use (a type
		// the cell declares, under a new name when it redefines it).
		if failed > 0 {
			_, _, err = s.compileChunks(chunks[:failed])
		}
		ch := chunks[failed]
		if err == nil {
			_, err = s.compile(ch.Src)
		}
		if ch.Show && !probeRE.MatchString(fmt.Sprint(err)) {
			// A probe statement cannot stand inside the show wrapper.
			_, err = s.compile(ch.Plain)
		}
		s.poisoned(prog, versioned)
	}
	for _, at := range unknown {
		delete(s.typed, at)
	}
	m := probeRE.FindStringSubmatch(fmt.Sprint(err))
	if m == nil {
		// No probe got as far as its error: the chunk fails before.
		for _, at := range unknown {
			s.typed[at] = cell.Typed{Lost: true}
		}
		return true
	}
	at, _ := strconv.Atoi(m[3])
	typ := mainPkgRE.ReplaceAllString(m[1]+m[2], "")
	s.typed[at] = cell.Typed{Type: typ}
	decl := func(name string) string {
		if src, ok := prog.Sources[name]; ok {
			return src // declared by the cell itself
		}
		return s.sources[name]
	}
	if params, ok := yieldParams(typ, decl, 0); ok {
		s.typed[at] = cell.Typed{Type: typ, Func: true, Params: params}
	}
	return true
}

// probeRE matches a probe's error: the type of a value, or of an untyped
// constant ("untyped int").
var probeRE = regexp.MustCompile(`(?:cannot use type (.+) as type|cannot convert (untyped \w+) to) struct \{ _fountain_probe(\d+) int\s*\}`)

// yieldParams returns the types of the yield func's parameters when t
// (a type as the interpreter prints it) is a func(yield func(...) bool);
// decl returns the source declaring a type of the cells.
func yieldParams(t string, decl func(string) string, depth int) ([]string, bool) {
	t = mainPkgRE.ReplaceAllString(t, "")
	e, err := parser.ParseExpr(t)
	if err != nil || depth > 4 {
		return nil, false
	}
	text := func(n ast.Node) string { return t[n.Pos()-1 : n.End()-1] }
	switch x := e.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		// iter.Seq[V] and iter.Seq2[K, V] of compiled packages.
		var args []ast.Expr
		var generic ast.Expr
		if ix, ok := x.(*ast.IndexExpr); ok {
			generic, args = ix.X, []ast.Expr{ix.Index}
		} else {
			ix := x.(*ast.IndexListExpr)
			generic, args = ix.X, ix.Indices
		}
		if sel, ok := generic.(*ast.SelectorExpr); !ok || fmt.Sprint(sel.X) != "iter" ||
			!(sel.Sel.Name == "Seq" && len(args) == 1 || sel.Sel.Name == "Seq2" && len(args) == 2) {
			return nil, false
		}
		var params []string
		for _, a := range args {
			params = append(params, text(a))
		}
		return params, true
	case *ast.Ident:
		// A type defined in a cell: look at its declaration.
		src := decl(demangle(x.Name))
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, 0)
		if err != nil {
			return nil, false
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok {
				for _, sp := range g.Specs {
					if ts, ok := sp.(*ast.TypeSpec); ok && ts.Name.Name == demangle(x.Name) && ts.TypeParams == nil {
						return yieldParams(("package p;" + src)[ts.Type.Pos()-1:ts.Type.End()-1], decl, depth+1)
					}
				}
			}
		}
	case *ast.FuncType:
		if x.Results != nil && len(x.Results.List) > 0 || len(x.Params.List) != 1 || len(x.Params.List[0].Names) > 1 {
			return nil, false
		}
		y, ok := x.Params.List[0].Type.(*ast.FuncType)
		if !ok || y.Results == nil || len(y.Results.List) != 1 || len(y.Results.List[0].Names) > 1 {
			return nil, false
		}
		if b, ok := y.Results.List[0].Type.(*ast.Ident); !ok || b.Name != "bool" {
			return nil, false
		}
		params := []string{}
		for _, f := range y.Params.List {
			for range max(len(f.Names), 1) {
				params = append(params, text(f.Type))
			}
		}
		return params, len(params) <= 2
	}
	return nil, false
}

var mainPkgRE = regexp.MustCompile(`\bmain\.`)
