package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// In a generic body, yaegi cannot instantiate a generic func with a type
// argument that is itself an instance of a generic type, or a pointer to
// one (slices.Insert[[]Pair[K, V], Pair[K, V]], Index[*Node[T]]): its
// compiler gives such an argument no type, and dereferences nil or finds
// no type. At top level an alias names the instance (aliasInstances); in
// a body none can, as it names the body's type parameters. yaegi does
// give a func type's parameters their types, instances too, and infers
// type arguments from a func argument's parameter types. So such a call
// goes through a helper that takes the type arguments as the parameter
// types of a nil func first, and calls the func with its own type
// parameters, which yaegi instantiates:
//
//	func _fountain_via…[P0, P1 any](_ func(P0, P1), a0 P0, a1 int, a2 P1) P0 {
//		return slices.Insert[P0, P1](a0, a1, a2)
//	}
//
// and the call is _fountain_via…((func([]Pair[K, V], Pair[K, V]))(nil), s, i, p).

// bareInstance reports whether the type text t is an instance of a
// generic type, or a pointer to one, that names a type parameter (one
// that no top-level alias can name).
func bareInstance(t string) bool {
	e, err := parser.ParseExpr(t)
	if err != nil {
		return false
	}
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr, *ast.IndexListExpr:
			return true
		default:
			return false
		}
	}
}

// viaHelper writes call of the generic func decl, with type arguments
// targs (as the cell writes them), as a call of a helper declared for it
// (see above), and reports whether it could.
func (c *compiler) viaHelper(call *ast.CallExpr, decl *ast.FuncDecl, targs []string, off func(token.Pos) int) bool {
	names := typeParamList(decl.Type.TypeParams)
	if len(names) != len(targs) {
		return false
	}
	fun, _ := instance(call.Fun)
	if fun == nil {
		fun = call.Fun
	}
	var callee, pkg string
	switch f := fun.(type) {
	case *ast.Ident:
		callee = c.env.Rename(f.Name)
	case *ast.SelectorExpr:
		id, ok := f.X.(*ast.Ident)
		if !ok {
			return false
		}
		pkg, callee = id.Name, id.Name+"."+f.Sel.Name
	default:
		return false
	}
	params := make(map[string]string, len(names))
	helperParams := make([]string, len(names))
	for i, n := range names {
		params[n] = fmt.Sprintf("%sP%d", helperPrefix, i)
		helperParams[i] = params[n]
	}
	write := func(t ast.Expr) (string, bool) { return c.helperType(t, params, pkg) }

	// The helper's parameters, one per argument: a variadic parameter
	// given values one by one takes one parameter each.
	ps := fieldTypes(decl.Type.Params)
	spread := call.Ellipsis.IsValid()
	var variadic *ast.Ellipsis
	if len(ps) > 0 {
		variadic, _ = ps[len(ps)-1].(*ast.Ellipsis)
	}
	switch {
	case variadic == nil && len(call.Args) != len(ps),
		variadic != nil && len(call.Args) < len(ps)-1,
		spread && len(call.Args) != len(ps):
		return false // f(g()) with g's several results
	}
	var decls, args []string
	for i := range call.Args {
		t, dots := ps[min(i, len(ps)-1)], ""
		if variadic != nil && i >= len(ps)-1 {
			t = variadic.Elt
			if spread {
				dots = "..."
			}
		}
		text, ok := write(t)
		if !ok {
			return false
		}
		text = dots + text
		a := fmt.Sprintf("%sa%d", helperPrefix, i)
		decls = append(decls, a+" "+text)
		if variadic != nil && spread && i == len(ps)-1 {
			a += "..."
		}
		args = append(args, a)
	}
	var results []string
	for _, r := range fieldTypes(decl.Type.Results) {
		text, ok := write(r)
		if !ok {
			return false
		}
		results = append(results, text)
	}
	body := fmt.Sprintf("%s[%s](%s)", callee, strings.Join(helperParams, ", "), strings.Join(args, ", "))
	if len(results) > 0 {
		body = "return " + body
	}
	sig := fmt.Sprintf("[%s any](_ func(%s)", strings.Join(helperParams, ", "), strings.Join(helperParams, ", "))
	for _, d := range decls {
		sig += ", " + d
	}
	sig += ") (" + strings.Join(results, ", ") + ")"
	text := sig + " { " + body + " }"
	name := fmt.Sprintf("%svia%x", helperPrefix, fnv32(text))
	if !strings.Contains(strings.Join(c.vias, "\n"), "func "+name+"[") {
		c.vias = append(c.vias, "func "+name+text)
	}
	// The helper's name in place of the func's, first among the edits
	// there (it hides those inside), and the type arguments first among
	// the arguments.
	c.edits = append([]edit{{off(call.Fun.Pos()), off(call.Fun.End()), name}}, c.edits...)
	dummy := "((func(" + strings.Join(targs, ", ") + "))(nil)"
	if len(call.Args) > 0 {
		dummy += ", "
	}
	c.typeArgEdit(edit{off(call.Lparen), off(call.Lparen) + 1, dummy}, false)
	return true
}

// helperType writes the type t of a parameter or result of a generic func
// for a helper's declaration (see viaHelper): its type parameters as
// params names them, the cells' types by their names in this compile, and
// a package's names (when pkg is the func's package) qualified. It
// reports false for a name of the package that is not exported.
func (c *compiler) helperType(t ast.Expr, params map[string]string, pkg string) (string, bool) {
	text := types.ExprString(t)
	e, err := parser.ParseExpr(text)
	if err != nil {
		return "", false
	}
	type repl struct {
		at, end int
		with    string
	}
	var rs []repl
	ok := true
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			return false // a package's name
		case *ast.Field:
			ast.Inspect(x.Type, visit) // not its names
			return false
		case *ast.Ident:
			with, isParam := params[x.Name]
			switch {
			case isParam:
			case universe[x.Name]:
				return false
			case pkg != "":
				if !token.IsExported(x.Name) {
					ok = false
				}
				with = pkg + "." + x.Name
			default:
				with = c.env.Rename(x.Name)
			}
			rs = append(rs, repl{int(x.Pos()) - 1, int(x.End()) - 1, with})
		}
		return true
	}
	ast.Inspect(e, visit)
	var b strings.Builder
	last := 0
	for _, r := range rs {
		b.WriteString(text[last:r.at])
		b.WriteString(r.with)
		last = r.end
	}
	b.WriteString(text[last:])
	c.typeSelectors([]string{b.String()})
	return b.String(), ok
}
