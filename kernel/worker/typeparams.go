package worker

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/fountain-go/fountain/kernel/cell"
)

// typeParamClash finds the generic funcs of the cells with a type
// parameter named as a top-level name of the cells (func Map[T, U any]
// and type T): yaegi declares a generic func's type parameters among the
// package's names too, so the two broke each other ("nil reflect type",
// or "too many arguments" at T's methods), whichever came first. The cell
// compiler gives a generic func declared after the name parameters of
// their own names (see cell.Program.ParamsRenamed); a generic func of an
// earlier cell whose parameter the cell declares as a name is returned,
// to take a new version, compiled with its parameters so named. What
// neither mends is refused with a clear message.
func (s *Session) typeParamClash(code string, prog *cell.Program) (stale []string, err error) {
	if len(prog.Defines) == 0 {
		return nil, nil
	}
	now := map[string]bool{}
	for n := range s.defined {
		now[n] = true
	}
	for _, n := range prog.Defines {
		now[n] = true
	}
	mine := map[string]bool{}
	for _, n := range prog.Defines {
		mine[n] = true
	}
	// The generic funcs there are once the cell has run, by name.
	generics := map[string]string{}
	for n, src := range s.sources {
		if !mine[n] && s.defined[n] {
			generics[n] = src
		}
	}
	for n, src := range prog.Sources {
		if mine[n] {
			generics[n] = src
		}
	}
	names := make([]string, 0, len(generics))
	for n := range generics {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, g := range names {
		if mine[g] && slices.Contains(prog.ParamsRenamed, g) || !mine[g] && s.paramsRenamed[g] {
			continue // its type parameters have names of their own
		}
		for _, p := range s.typeParamsOf(g, generics[g]) {
			if !mine[g] && mine[p] && p != g {
				stale = append(stale, g)
				break
			}
			if now[p] && mine[g] && p != g {
				e := &cell.Error{Msg: fmt.Sprintf("%s is both a type parameter of %s and a name of your cells: the interpreter mixes the two up, so name one of them otherwise (func %s[E ...])", p, g, g)}
				// Point at the cell's part of it.
				re := regexp.MustCompile(`\b(?:type|func|var|const)\s+(` + regexp.QuoteMeta(p) + `)\b`)
				if mine[g] {
					re = regexp.MustCompile(`\bfunc\s+` + regexp.QuoteMeta(g) + `\s*\[\s*(` + regexp.QuoteMeta(p) + `)\b`)
				}
				if m := re.FindStringSubmatchIndex(code); m != nil {
					before := code[:m[2]]
					e.Line = strings.Count(before, "\n") + 1
					e.Col = m[2] - strings.LastIndex(before, "\n")
				}
				return nil, e
			}
		}
	}
	return stale, nil
}

// typeParamsOf returns the type parameters of the generic func name
// declared by src, or none if src declares no such func. The answers are
// kept by source, as sources do not change.
func (s *Session) typeParamsOf(name, src string) []string {
	if !strings.Contains(src, "func "+name+"[") {
		return nil // not a generic func: most are not
	}
	if ps, ok := s.typeParams[src]; ok {
		return ps
	}
	var ps []string
	if f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution); err == nil {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Name.Name != name || fd.Type.TypeParams == nil {
				continue
			}
			for _, f := range fd.Type.TypeParams.List {
				for _, id := range f.Names {
					ps = append(ps, id.Name)
				}
			}
		}
	}
	s.typeParams[src] = ps
	return ps
}
