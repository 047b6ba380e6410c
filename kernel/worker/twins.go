package worker

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"sync"

	"github.com/fountain-go/fountain/kernel/cell"
)

// twinFiles returns, for each standard package the interpreter has from
// source, a file that declares in it the twins of its exported generic
// funcs of one type parameter (cell.PackageTwin): yaegi fails on such a
// func written with a type argument in a generic body instantiated with
// a type that has no name, and the cell compiler calls the twin there.
// A twin is made of the source that declares the func last (see
// sources).
var twinFiles = sync.OnceValue(func() []string {
	type found struct {
		src  int // index in srcs
		decl string
	}
	var srcs []pkgSource
	for _, ps := range sources() {
		if !isShim(ps.path) {
			srcs = append(srcs, ps)
		}
	}
	last := map[string]found{}
	var order []string
	for i, ps := range srcs {
		f, err := parser.ParseFile(token.NewFileSet(), "", ps.src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil {
				continue
			}
			key := ps.path + "." + fd.Name.Name
			if _, seen := last[key]; !seen {
				order = append(order, key)
			}
			last[key] = found{i, cell.PackageTwin(ps.src[fd.Pos()-1 : fd.End()-1])}
		}
	}
	decls := make([][]string, len(srcs))
	for _, key := range order {
		if fd := last[key]; fd.decl != "" {
			decls[fd.src] = append(decls[fd.src], fd.decl)
		}
	}
	var out []string
	for i, ds := range decls {
		if len(ds) > 0 {
			out = append(out, twinOrdered(header(srcs[i].src)+"\n\n"+strings.Join(ds, "\n\n")+"\n"))
		}
	}
	return out
})

// isShim reports whether path is the package of a shim's source rather
// than a standard package's: the cells call a shim under the compiled
// package's name, which has no twins.
func isShim(path string) bool {
	for _, sh := range shims {
		if sh.path == path {
			return true
		}
	}
	return false
}

// header returns the package clause of the Go file src. (Not its
// imports: yaegi keeps them per package, and its file declared them.)
func header(src string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly)
	if err != nil {
		return ""
	}
	return "package " + f.Name.Name
}

// twinOrdered is inlineOrdered for twins, whose type parameter lists go
// on after the cmp.Ordered constraint.
func twinOrdered(src string) string {
	src = strings.ReplaceAll(src, " cmp.Ordered, ", " "+cell.OrderedUnion+", ")
	return strings.ReplaceAll(src, "[T Ordered, ", "[T "+cell.OrderedUnion+", ")
}
