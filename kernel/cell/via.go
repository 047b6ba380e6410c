package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// In a generic body, yaegi cannot instantiate a generic func with a type
// argument that is an instance of a generic type or a pointer
// (slices.Insert[[]Pair[K, V], Pair[K, V]], Index[*Node[T]], F[*T]): its
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

// needsVia reports whether yaegi fails on the type text t as a type
// argument written at pos, in a generic body: an instance of a generic
// type or a pointer that names one of the body's type parameters.
func (c *compiler) needsVia(t string, pos token.Pos) bool {
	e, err := parser.ParseExpr(t)
	if err != nil {
		return false
	}
	switch ast.Unparen(e).(type) {
	case *ast.StarExpr, *ast.IndexExpr, *ast.IndexListExpr:
		return mentions(e, c.typeParamsAt(pos))
	}
	return false
}

// typeParamArg reports whether the type text t is one of the type
// parameters of the generic body around pos.
func (c *compiler) typeParamArg(t string, pos token.Pos) bool {
	e, err := parser.ParseExpr(t)
	if err != nil {
		return false
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && c.typeParamsAt(pos)[id.Name]
}

// typeParamsAt returns the type parameters of the generic func or method
// of the file being rewritten that holds pos (see paramScopes).
func (c *compiler) typeParamsAt(pos token.Pos) map[string]bool {
	for _, s := range c.paramScopes {
		if pos >= s.from && pos < s.to {
			return s.names
		}
	}
	return nil
}

// paramScope is the extent of a generic func or method and its type
// parameters, its receiver's too.
type paramScope struct {
	from, to token.Pos
	names    map[string]bool
}

// noteParamScopes notes the extents of f's generic funcs and methods.
func (c *compiler) noteParamScopes(f *ast.File) {
	c.paramScopes = c.paramScopes[:0]
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		names := recvTypeParams(fd)
		if names == nil {
			names = map[string]bool{}
		}
		for _, n := range typeParamList(fd.Type.TypeParams) {
			names[n] = true
		}
		if len(names) > 0 {
			c.paramScopes = append(c.paramScopes, paramScope{fd.Pos(), fd.End(), names})
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
	typeArgs := strings.Join(helperParams, ", ")
	if tw, ok := c.twinOf(fun); ok && len(names) == 1 {
		// See twinCall.
		callee, typeArgs = tw, typeArgs+", struct{}"
	}
	body := fmt.Sprintf("%s[%s](%s)", callee, typeArgs, strings.Join(args, ", "))
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
	if decl := "func " + name + text; !slices.Contains(c.vias, decl) {
		c.vias = append(c.vias, decl)
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

// Inside a generic body yaegi also fails on a generic func of one type
// parameter written with a type argument that is a type parameter
// (Listed[T](x, x)), once the body is instantiated with a type that has
// no name (T = []int, *Node, time.Duration): it looks the argument up by
// its type's name ("index out of range" when the call runs, or a nil
// dereference in its compiler). With two or more type arguments it takes
// their types as they are. So each generic func of the cells with one
// type parameter has a twin with a second one that nothing uses,
//
//	func _fountain_twListed[T any, _fountain_X any](xs ...T) []T { ... }
//
// declared with it, with its body as the cell writes it, and such a call
// calls the twin: _fountain_twListed[T, struct{}](x, x).

// twinName returns the name of the twin of the generic func the cells
// name name in this compile.
func twinName(name string) string { return helperPrefix + "tw" + name }

// twinCall writes call, of the generic func decl of one type parameter
// (the cells' or a package's), with the type argument written (as the
// cell writes it), as a call of its twin if written is a type parameter,
// and reports whether it did.
func (c *compiler) twinCall(call *ast.CallExpr, decl *ast.FuncDecl, written string, off func(token.Pos) int) bool {
	if len(typeParamList(decl.Type.TypeParams)) != 1 || !c.typeParamArg(written, call.Pos()) {
		return false
	}
	fun, _ := instance(call.Fun)
	if fun == nil {
		fun = call.Fun
	}
	tw, ok := c.twinOf(fun)
	if !ok {
		return false
	}
	c.typeArgEdit(edit{off(call.Fun.Pos()), off(call.Fun.End()), tw + "[" + written + ", struct{}]"}, true)
	return true
}

// twinOf returns the twin of the generic func of one type parameter that
// fun names, a func of the cells or of a package the interpreter has from
// source, as the cell calls it, and whether it has one.
func (c *compiler) twinOf(fun ast.Expr) (string, bool) {
	switch f := fun.(type) {
	case *ast.Ident:
		return twinName(c.env.Rename(f.Name)), true
	case *ast.SelectorExpr:
		id, ok := f.X.(*ast.Ident)
		if !ok {
			return "", false
		}
		tw := PackageTwinName(f.Sel.Name)
		if p := c.importPath(id.Name); p == "" || c.env.Source(p+"."+tw) == "" {
			return "", false
		}
		return id.Name + "." + tw, true
	}
	return "", false
}

// twins returns a chunk declaring the twins of the generic funcs of one
// type parameter among units, each on its func's lines (an error in it
// points there), or "" if there are none. It goes before the units' own
// chunk: yaegi may instantiate a func that calls one while it reads that.
func (c *compiler) twins(units []Unit) string {
	var own []Unit
	for _, u := range units {
		for _, n := range c.generic {
			if c.defineAt[n] == u.Start {
				own = append(own, u)
			}
		}
	}
	if len(own) == 0 {
		return ""
	}
	src := c.render(own, nil)
	const head = "package p;"
	f, err := parser.ParseFile(token.NewFileSet(), "", head+src, parser.SkipObjectResolution)
	if err != nil {
		return ""
	}
	at := func(p token.Pos) int { return int(p) - 1 - len(head) }
	var b strings.Builder
	last := 0
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || len(typeParamList(fd.Type.TypeParams)) != 1 {
			continue
		}
		b.WriteString(blank(src[last:at(fd.Pos())]))
		b.WriteString(twinDecl(src, fd, at, twinName(fd.Name.Name)))
		last = at(fd.End())
	}
	if last == 0 {
		return ""
	}
	b.WriteString(blank(src[last:]))
	return b.String()
}

// twinDecl returns the declaration fd in src (at gives offsets of its
// positions there) as that of its twin, name.
func twinDecl(src string, fd *ast.FuncDecl, at func(token.Pos) int, name string) string {
	closing := at(fd.Type.TypeParams.Closing)
	sep := ", "
	if strings.HasSuffix(strings.TrimSpace(src[:closing]), ",") {
		sep = " "
	}
	return src[at(fd.Pos()):at(fd.Name.Pos())] + name + src[at(fd.Name.End()):closing] + sep + helperPrefix + "X any" + src[closing:at(fd.End())]
}

// PackageTwinName returns the name of the twin of the generic func name
// of a package the interpreter has from source: exported, as it is
// called from the cells.
func PackageTwinName(name string) string { return name + "_fountainTwin" }

// PackageTwin returns the declaration of the twin (see twinCall) of the
// exported generic func of one type parameter that src, from a package
// the interpreter has from source, declares, or "" if src declares none.
// The evaluator declares them in their packages, and Env.Source tells
// them.
func PackageTwin(src string) string {
	const head = "package p;"
	f, err := parser.ParseFile(token.NewFileSet(), "", head+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return ""
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Recv != nil || !fd.Name.IsExported() || len(typeParamList(fd.Type.TypeParams)) != 1 {
		return ""
	}
	return twinDecl(head+src, fd, func(p token.Pos) int { return int(p) - 1 }, PackageTwinName(fd.Name.Name))
}
