package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
)

// HelperErrorsAsFunc reports whether match holds for an error in err's
// tree, walked as errors.As walks it.
const HelperErrorsAsFunc = "_fountain_rt.ErrorsAsFunc"

// errors.As into a variable of one of the cells' interface types (var t
// Temporary; errors.As(err, &t)) matched nothing: yaegi's value of such
// an interface type is a struct of its own, which the compiled errors.As
// cannot set, nor any compiled code. So before anything else reads the
// cell, such a call becomes an assertion per error of the tree, which
// the cell compiler then writes as it writes every assertion to the
// cells' interfaces:
//
//	errors.As(err, &t)  ->  _fountain_rt.ErrorsAsFunc(err, func(_fountain_e error) bool { _fountain_v, _fountain_ok := _fountain_e.(Temporary); if _fountain_ok { t = _fountain_v }; return _fountain_ok })
//
// The call's lines stay: a message points where it did.

// errorsAsRE finds cells that may hold such a call.
var errorsAsRE = regexp.MustCompile(`\berrors\.As\s*\(`)

// rewriteErrorsAs returns src with its errors.As calls into variables of
// the cells' interface types rewritten (see above), and whether it
// rewrote any.
func rewriteErrorsAs(src string, units []Unit, env Env) (string, bool) {
	if !errorsAsRE.MatchString(src) {
		return src, false
	}
	type repl struct {
		from, to int
		text     string
	}
	var rs []repl
	// The types of the cell's top-level vars, which its statements'
	// parses do not resolve.
	topVars := map[string]ast.Expr{}
	for _, u := range units {
		if u.Kind != Decl {
			continue
		}
		if f, _, err := parseFile(src, u); err == nil {
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, sp := range g.Specs {
						if vs := sp.(*ast.ValueSpec); vs.Type != nil {
							for _, n := range vs.Names {
								topVars[n.Name] = vs.Type
							}
						}
					}
				}
			}
		}
	}
	for _, u := range units {
		var f *ast.File
		var fset *token.FileSet
		prefix := len("package p;")
		if u.Kind == Stmt {
			fset = token.NewFileSet()
			var err error
			f, err = parser.ParseFile(fset, "cell", stmtWrapPrefix+blank(src, u)+"\n}", 0)
			if err != nil {
				continue
			}
			prefix = len(stmtWrapPrefix)
		} else {
			var err error
			if f, fset, err = parseFile(src, u); err != nil {
				continue
			}
		}
		off := func(p token.Pos) int { return offsetIn(fset, p, prefix) }
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 || call.Ellipsis.IsValid() {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "As" {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "errors" || pkg.Obj != nil || env.Defined("errors") {
				return true
			}
			amp, ok := call.Args[1].(*ast.UnaryExpr)
			if !ok || amp.Op != token.AND {
				return true
			}
			target, ok := amp.X.(*ast.Ident)
			if !ok {
				return true
			}
			typ := cellInterfaceType(target, src, topVars, env)
			if typ == "" {
				return true
			}
			errText := src[off(call.Args[0].Pos()):off(call.Args[0].End())]
			old := src[off(call.Pos()):off(call.End())]
			text := HelperErrorsAsFunc + "(" + errText + ", func(" + helperPrefix + "e error) bool { " +
				helperPrefix + "v, " + helperPrefix + "ok := " + helperPrefix + "e.(" + typ + "); if " + helperPrefix + "ok { " +
				target.Name + " = " + helperPrefix + "v }; return " + helperPrefix + "ok })"
			rs = append(rs, repl{off(call.Pos()), off(call.End()), strings.ReplaceAll(text, "\n", " ") + newlines(old)})
			return false
		})
	}
	if len(rs) == 0 {
		return src, false
	}
	slices.SortFunc(rs, func(a, b repl) int { return b.from - a.from })
	for _, r := range rs {
		src = src[:r.from] + r.text + src[r.to:]
	}
	return src, true
}

// cellInterfaceType returns the type id is declared with, as source text,
// when it is an interface of the cells (this cell's or an earlier one's)
// or an interface literal with methods; else "". topVars has the types
// of the cell's top-level vars.
func cellInterfaceType(id *ast.Ident, src string, topVars map[string]ast.Expr, env Env) string {
	t := declaredType(id)
	if t == nil && id.Obj == nil {
		t = topVars[id.Name]
		if t == nil {
			// An earlier cell's var.
			if f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+env.Source(id.Name), 0); err == nil && len(f.Decls) == 1 {
				if g, ok := f.Decls[0].(*ast.GenDecl); ok && g.Tok == token.VAR && len(g.Specs) == 1 {
					t = g.Specs[0].(*ast.ValueSpec).Type
				}
			}
		}
	}
	switch x := t.(type) {
	case *ast.InterfaceType:
		if x.Methods.NumFields() == 0 {
			return ""
		}
		return types.ExprString(x)
	case *ast.Ident:
		if regexp.MustCompile(`(?m)^\s*type\s+`+regexp.QuoteMeta(x.Name)+`\s+interface\b`).MatchString(src) ||
			strings.HasPrefix(env.Source(x.Name), "type "+x.Name+" interface") {
			return x.Name
		}
	}
	return ""
}
