package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
)

// yaegi infers a type argument only where the parameter's type holds the
// type parameter in plain sight ([]T, map[K]V, *T): not from a func
// argument's parameters or results (Map(xs, strconv.Itoa)), not from an
// iterator (Sum(seq)) and not through a constraint's core type
// (First[S ~[]E, E any](names)). So calls of generic funcs, the cells' own
// and those of packages the interpreter has from source, get their type
// arguments written in, as Go infers them, from the argument types that
// probes find (see Typed) once a chunk has failed.

// inferCall is a call of a generic func written without type arguments.
type inferCall struct {
	n    *ast.CallExpr
	decl *ast.FuncDecl
	args []inferArg
}

// inferArg is one argument of an inferCall.
type inferArg struct {
	e       ast.Expr
	at      int    // the argument's site (see Typed), -1 when it needs none
	mode    Typed  // what the evaluator found of its type
	untyped string // the default type of an untyped constant
}

// genericCall returns the call of a generic func that n is, when it writes
// no type arguments, with the sites of its arguments.
func (c *compiler) genericCall(n *ast.CallExpr, off func(token.Pos) int) (inferCall, bool) {
	if len(n.Args) == 0 {
		return inferCall{}, false
	}
	var decl *ast.FuncDecl
	switch f := n.Fun.(type) {
	case *ast.Ident:
		if f.Obj == nil || f.Obj.Kind == ast.Fun {
			decl = genericDecl(c.declSource(f.Name), f.Name)
		}
	case *ast.SelectorExpr:
		// A generic func of a package the interpreter has from source.
		if pkg, ok := f.X.(*ast.Ident); ok && pkg.Obj == nil {
			if p := c.importPath(pkg.Name); p != "" {
				decl = genericDecl(c.env.Source(p+"."+f.Sel.Name), f.Sel.Name)
			}
		}
	}
	if decl == nil {
		return inferCall{}, false
	}
	call := inferCall{n: n, decl: decl}
	for _, a := range n.Args {
		arg := inferArg{e: a, at: -1, untyped: untypedDefault(a)}
		if id, ok := a.(*ast.Ident); arg.untyped == "" && !(ok && id.Name == "nil" && id.Obj == nil) {
			arg.at = off(a.Pos())
			c.sites = append(c.sites, arg.at)
			arg.mode = c.env.Typed(arg.at)
		}
		call.args = append(call.args, arg)
	}
	return call, true
}

// declSource returns the declaration source of a top-level name of the
// cells, this one's first.
func (c *compiler) declSource(name string) string {
	if src, ok := c.sources[name]; ok {
		return src
	}
	if c.localDefs[name] {
		return ""
	}
	return c.env.Source(name)
}

// genericDecl returns the declaration of the generic func name in src.
func genericDecl(src, name string) *ast.FuncDecl {
	if !strings.Contains(src, "func "+name+"[") {
		return nil // not one: most calls are of plain funcs
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, 0)
	if err != nil {
		return nil
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name && fd.Type.TypeParams.NumFields() > 0 {
			return fd
		}
	}
	return nil
}

// untypedDefault returns the default type of an untyped constant literal,
// the type Go gives a type parameter inferred from it alone.
func untypedDefault(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.BasicLit:
		return map[token.Token]string{token.INT: "int", token.FLOAT: "float64", token.IMAG: "complex128",
			token.CHAR: "rune", token.STRING: "string"}[x.Kind]
	case *ast.ParenExpr:
		return untypedDefault(x.X)
	case *ast.UnaryExpr:
		if x.Op == token.SUB || x.Op == token.ADD || x.Op == token.XOR {
			return untypedDefault(x.X)
		}
	}
	return ""
}

// inferCalls writes in the type arguments of calls of generic funcs once
// probes have found enough of their arguments' types, and probes those
// asked, arguments of func and iterator parameters first: they tell the
// most. A call is left alone until a probe has found something, that is
// until its chunk has failed to compile as written, unless its arguments
// are all untyped constants.
func (c *compiler) inferCalls(calls []inferCall, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	// Inner calls first: an outer call's argument is probed as rewritten.
	for _, call := range slices.Backward(calls) {
		// Arguments that are all untyped constants tell their types
		// without a probe: the call gets them at once.
		probed, constants := false, true
		for _, a := range call.args {
			probed = probed || a.mode.Type != ""
			constants = constants && a.at < 0
		}
		targs, ok, conflict := c.inferTypeArgs(call)
		if conflict == nil && !probed {
			conflict = c.writtenConflict(call, off)
		}
		if conflict != nil && (probed || c.concrete(conflict.was) && c.concrete(conflict.is)) {
			// Types by the names the user gave them (not P__2).
			user := func(t string) string { return versionedRE.ReplaceAllString(t, "$1") }
			c.fail(off(conflict.arg.Pos()), fmt.Sprintf("in call to %s, cannot infer %s: it would be both %s and %s (from %s)",
				call.decl.Name.Name, conflict.param, user(conflict.was), user(conflict.is), c.src[off(conflict.arg.Pos()):off(conflict.arg.End())]))
			continue
		}
		if ok && (probed || constants) {
			c.edits = append(c.edits, edit{off(call.n.Fun.End()), off(call.n.Fun.End()), "[" + strings.Join(targs, ", ") + "]"})
			c.typeSelectors(targs)
			continue
		}
		order := make([]int, len(call.args))
		for i := range order {
			order[i] = i
		}
		params := paramTypes(call.decl.Type, len(call.args), call.n.Ellipsis.IsValid())
		telling := func(i int) bool {
			_, isFunc := params[i].(*ast.FuncType)
			_, isIter := params[i].(*ast.IndexExpr)
			_, isIter2 := params[i].(*ast.IndexListExpr)
			return isFunc || isIter || isIter2
		}
		slices.SortStableFunc(order, func(i, j int) int {
			if telling(i) != telling(j) && telling(i) {
				return -1
			} else if telling(i) != telling(j) {
				return 1
			}
			return 0
		})
		for _, i := range order {
			if a := call.args[i]; a.mode.Probe {
				c.probeBefore(call.n, a.at, a.e, parent, off)
			}
		}
	}
}

// probeBefore puts the probe of x, for the site at, before the statement
// holding n, in its block.
func (c *compiler) probeBefore(n ast.Node, at int, x ast.Expr, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	stmt := n
	for p := parent[stmt]; p != nil; stmt, p = p, parent[p] {
		if _, ok := p.(*ast.BlockStmt); ok {
			break
		}
	}
	// The operand's lines stay lines: a probe compile's positions are
	// never shown, and a line comment in it must end.
	c.copies = append(c.copies, copyEdit{off: off(stmt.Pos()), from: off(x.Pos()), to: off(x.End()),
		text: "_ = func() { var _ " + ProbeType(at) + " = (", suffix: ") }; "})
}

// paramTypes returns the type of the parameter each of n arguments is
// passed to (nil past the last); spread says the last argument is spread
// (xs...).
func paramTypes(ft *ast.FuncType, n int, spread bool) []ast.Expr {
	ps := fieldTypes(ft.Params)
	var variadic *ast.Ellipsis
	if len(ps) > 0 {
		variadic, _ = ps[len(ps)-1].(*ast.Ellipsis)
	}
	out := make([]ast.Expr, n)
	for i := range n {
		switch {
		case variadic != nil && i >= len(ps)-1 && spread:
			out[i] = &ast.ArrayType{Elt: variadic.Elt}
		case variadic != nil && i >= len(ps)-1:
			out[i] = variadic.Elt
		case i < len(ps):
			out[i] = ps[i]
		}
	}
	return out
}

// inferTypeArgs infers a call's type arguments from the types of its
// arguments, as far as they are known, the way Go does: by unifying each
// parameter's type with its argument's, then each bound type parameter's
// underlying type with its constraint's core type, and last giving type
// parameters that only untyped constants tell their default type.
func (c *compiler) inferTypeArgs(call inferCall) ([]string, bool, *conflict) {
	var names []string
	core := map[string]ast.Expr{}
	for _, f := range call.decl.Type.TypeParams.List {
		for _, n := range f.Names {
			names = append(names, n.Name)
			if ct := coreType(f.Type); ct != nil {
				core[n.Name] = ct
			}
		}
	}
	u := &unifier{c: c, params: map[string]bool{}, bound: map[string]string{}}
	for _, n := range names {
		u.params[n] = true
	}
	params := paramTypes(call.decl.Type, len(call.args), call.n.Ellipsis.IsValid())
	for i, a := range call.args {
		if a.mode.Type == "" || params[i] == nil {
			continue
		}
		at, err := parser.ParseExpr(a.mode.Type)
		if err != nil {
			return nil, false, nil
		}
		if !u.unify(params[i], at, a.mode.Type) {
			u.conflict.arg = a.e
			return nil, false, u.conflict
		}
	}
	for done := map[string]bool{}; ; {
		progress := false
		for _, n := range names {
			t, bound := u.bound[n]
			if ct := core[n]; ct != nil && bound && !done[n] {
				done[n], progress = true, true
				if ut, src := c.underlying(t, 0); ut != nil && !u.unify(ct, ut, src) {
					return nil, false, nil
				}
			}
		}
		if !progress {
			break
		}
	}
	rank := map[string]int{"int": 1, "rune": 2, "float64": 3, "complex128": 4}
	for i, a := range call.args {
		if id, ok := params[i].(*ast.Ident); ok && a.untyped != "" && u.params[id.Name] {
			if _, typed := u.bound[id.Name]; typed {
				continue
			}
			if prev, ok := u.untyped(id.Name); !ok || rank[a.untyped] > rank[prev] {
				u.constants[id.Name] = a.untyped
			}
		}
	}
	var targs []string
	for _, n := range names {
		t, ok := u.bound[n]
		if !ok {
			t, ok = u.constants[n]
		}
		if !ok {
			return nil, false, nil
		}
		targs = append(targs, t)
	}
	return targs, true, nil
}

// writtenConflict returns the conflict the types the source spells out
// for a call's arguments show (see writtenType), if any: yaegi compiles
// such a call and fails only when it runs.
func (c *compiler) writtenConflict(call inferCall, off func(token.Pos) int) *conflict {
	written := call
	written.args = slices.Clone(call.args)
	known := 0
	for i, a := range written.args {
		if _, isCall := a.e.(*ast.CallExpr); isCall || a.untyped != "" || a.at < 0 {
			continue
		}
		if t := c.writtenType(a.e, nil, nil, off); t != "" {
			written.args[i].mode = Typed{Type: t}
			known++
		}
	}
	if known < 2 {
		return nil // one argument cannot disagree with itself
	}
	_, _, cf := c.inferTypeArgs(written)
	return cf
}

// concrete reports whether t is a type that inference must match exactly:
// not an interface (Go unifies those inexactly) and not one whose kind the
// source does not show (a compiled package's named type).
func (c *compiler) concrete(t string) bool {
	e, err := parser.ParseExpr(t)
	if err != nil {
		return false
	}
	if id, ok := e.(*ast.Ident); ok {
		if id.Name == "any" || id.Name == "error" || id.Name == "comparable" {
			return false
		}
		if universe[id.Name] {
			return true
		}
	}
	ut, _ := c.underlying(t, 0)
	_, isInterface := ut.(*ast.InterfaceType)
	return ut != nil && !isInterface
}

// sameType reports whether two types written as source are the same
// type: alike but for parameter names and aliases (byte, rune, any).
func sameType(a, b string) bool {
	if a == b {
		return true
	}
	ca, okA := canonical(a)
	cb, okB := canonical(b)
	return okA && okB && ca == cb
}

// canonical writes type t without parameter names and with byte, rune and
// any spelled as the types they stand for; it fails on shapes substitute
// does not know (structs, interfaces, arrays).
func canonical(t string) (string, bool) {
	e, err := parser.ParseExpr(t)
	if err != nil {
		return "", false
	}
	return substitute(e, map[string]string{"byte": "uint8", "rune": "int32", "any": "interface{}"}, true)
}

// conflict is two types inferred for one type parameter.
type conflict struct {
	param, was, is string
	arg            ast.Expr // the argument that gave the second
}

// coreType returns the type a constraint's type set has in common, when
// the constraint spells one out: ~[]E, []E or interface{ ~[]E }.
func coreType(constraint ast.Expr) ast.Expr {
	switch x := constraint.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.TILDE {
			return x.X
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StarExpr:
		return x
	case *ast.InterfaceType:
		if x.Methods != nil && len(x.Methods.List) == 1 && len(x.Methods.List[0].Names) == 0 {
			return coreType(x.Methods.List[0].Type)
		}
	}
	return nil
}

// underlying returns the underlying type of a type given as source text
// (and that text), as far as the cells' declarations tell it; nil for a
// type of a compiled package, whose underlying type no source shows.
func (c *compiler) underlying(t string, depth int) (ast.Expr, string) {
	e, err := parser.ParseExpr(t)
	if err != nil || depth > 4 {
		return nil, ""
	}
	var targs []string
	if base, args := instance(e); base != nil {
		// An instance of a generic type of the cells: its declared type
		// with the arguments put in.
		for _, a := range args {
			targs = append(targs, t[a.Pos()-1:a.End()-1])
		}
		e = base
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		if _, named := e.(*ast.SelectorExpr); named || targs != nil {
			return nil, ""
		}
		return e, t
	}
	name := versionRE.ReplaceAllString(id.Name, "")
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+c.declSource(name), 0)
	if err != nil {
		return nil, ""
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, sp := range g.Specs {
			ts, ok := sp.(*ast.TypeSpec)
			if !ok || ts.Name.Name != name || (ts.TypeParams == nil) != (targs == nil) {
				continue
			}
			if targs == nil {
				src := "package p;" + c.declSource(name)
				return c.underlying(src[ts.Type.Pos()-1:ts.Type.End()-1], depth+1)
			}
			if u, ok := substitute(ts.Type, bindings(ts.TypeParams, targs), true); ok {
				return c.underlying(u, depth+1)
			}
		}
	}
	return nil, ""
}

// versionRE matches the suffix of a redefined type's internal name, and
// versionedRE such names in type text.
var (
	versionRE   = regexp.MustCompile(`__\d+$`)
	versionedRE = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*?)__\d+\b`)
)

// unifier binds type parameters by matching a parameter's type (from the
// func's declaration) with its argument's (source text as the evaluator
// prints it: src, in which the argument type's positions count from 1).
type unifier struct {
	c         *compiler
	params    map[string]bool
	bound     map[string]string
	constants map[string]string // defaults of untyped constants
	conflict  *conflict
}

// untyped returns the default type untyped constants gave so far.
func (u *unifier) untyped(name string) (string, bool) {
	if u.constants == nil {
		u.constants = map[string]string{}
	}
	t, ok := u.constants[name]
	return t, ok
}

// unify matches p with a, binding the type parameters in p; it reports
// false on a conflict. Parts it does not understand bind nothing: the
// interpreter checks the call once the type arguments are written.
func (u *unifier) unify(p, a ast.Expr, src string) bool {
	text := func(e ast.Expr) string { return strings.Join(strings.Fields(src[e.Pos()-1:e.End()-1]), " ") }
	if x, ok := p.(*ast.ParenExpr); ok {
		return u.unify(x.X, a, src)
	}
	if x, ok := a.(*ast.ParenExpr); ok {
		return u.unify(p, x.X, src)
	}
	if id, ok := p.(*ast.Ident); ok {
		if !u.params[id.Name] {
			return true
		}
		t := text(a)
		if prev, ok := u.bound[id.Name]; ok && !sameType(prev, t) {
			u.conflict = &conflict{param: id.Name, was: prev, is: t}
			return false
		} else if ok {
			return true
		}
		u.bound[id.Name] = t
		return true
	}
	if id, ok := a.(*ast.Ident); ok {
		// A named type of the cells against a type literal: Go matches
		// the literal with the named type's underlying type.
		if ut, usrc := u.c.underlying(id.Name, 0); ut != nil {
			if _, still := ut.(*ast.Ident); !still {
				return u.unify(p, ut, usrc)
			}
		}
		return true
	}
	switch x := p.(type) {
	case *ast.StarExpr:
		if y, ok := a.(*ast.StarExpr); ok {
			return u.unify(x.X, y.X, src)
		}
	case *ast.ArrayType:
		if y, ok := a.(*ast.ArrayType); ok && (x.Len == nil) == (y.Len == nil) {
			return u.unify(x.Elt, y.Elt, src)
		}
	case *ast.Ellipsis:
		if y, ok := a.(*ast.Ellipsis); ok {
			return u.unify(x.Elt, y.Elt, src)
		}
	case *ast.MapType:
		if y, ok := a.(*ast.MapType); ok {
			return u.unify(x.Key, y.Key, src) && u.unify(x.Value, y.Value, src)
		}
	case *ast.ChanType:
		if y, ok := a.(*ast.ChanType); ok {
			return u.unify(x.Value, y.Value, src)
		}
	case *ast.FuncType:
		if y, ok := a.(*ast.FuncType); ok {
			return u.unifyFields(x.Params, y.Params, src) && u.unifyFields(x.Results, y.Results, src)
		}
	case *ast.IndexExpr, *ast.IndexListExpr:
		return u.unifyInstance(x, a, src)
	}
	return true
}

// unifyFields matches two parameter or result lists, field by field.
func (u *unifier) unifyFields(p, a *ast.FieldList, src string) bool {
	ps, as := fieldTypes(p), fieldTypes(a)
	if len(ps) != len(as) {
		return true
	}
	for i := range ps {
		if !u.unify(ps[i], as[i], src) {
			return false
		}
	}
	return true
}

// fieldTypes lists a field list's types, one per name.
func fieldTypes(l *ast.FieldList) []ast.Expr {
	var out []ast.Expr
	if l == nil {
		return nil
	}
	for _, f := range l.List {
		for range max(len(f.Names), 1) {
			out = append(out, f.Type)
		}
	}
	return out
}

// unifyInstance matches an instantiated generic type, such as iter.Seq[V]:
// with the same instance of the argument, argument by argument; an
// iterator also with the func type it stands for.
func (u *unifier) unifyInstance(p, a ast.Expr, src string) bool {
	base, pargs := instance(p)
	if abase, aargs := instance(a); abase != nil {
		if iterName(base) != iterName(abase) || iterName(base) == "" && types.ExprString(base) != types.ExprString(abase) || len(pargs) != len(aargs) {
			return true
		}
		for i := range pargs {
			if !u.unify(pargs[i], aargs[i], src) {
				return false
			}
		}
		return true
	}
	fn, isFunc := a.(*ast.FuncType)
	if name := iterName(base); !isFunc || !(name == "Seq" && len(pargs) == 1 || name == "Seq2" && len(pargs) == 2) {
		return true
	}
	// func(yield func(V) bool) or func(yield func(K, V) bool).
	if ps := fieldTypes(fn.Params); len(ps) == 1 {
		if y, ok := ps[0].(*ast.FuncType); ok {
			if ys := fieldTypes(y.Params); len(ys) == len(pargs) {
				for i := range ys {
					if !u.unify(pargs[i], ys[i], src) {
						return false
					}
				}
			}
		}
	}
	return true
}

// iterName returns Seq or Seq2 for iter.Seq and iter.Seq2, also written
// unqualified (in package iter's own source), or "".
func iterName(e ast.Expr) string {
	name := types.ExprString(e)
	switch name {
	case "iter.Seq", "iter.Seq2":
		return name[len("iter."):]
	case "Seq", "Seq2":
		return name
	}
	return ""
}

// instance returns the generic type and type arguments of an instantiated
// type, or nil.
func instance(e ast.Expr) (ast.Expr, []ast.Expr) {
	switch x := e.(type) {
	case *ast.IndexExpr:
		return x.X, []ast.Expr{x.Index}
	case *ast.IndexListExpr:
		return x.X, x.Indices
	}
	return nil, nil
}

// In the body of a generic func no probe can run: yaegi compiles it only
// where a later cell instantiates it, and then fails on a call it cannot
// infer. There the arguments' types are read off the source instead, as
// far as it spells them out: parameters and variables declared with their
// types, func and composite literals, and variables defined from a
// generic call whose type arguments were written in.

// genericBodies writes in the type arguments of the generic calls in the
// bodies of f's generic funcs and methods that their arguments' written
// types settle, and returns those calls.
func (c *compiler) genericBodies(f *ast.File, off func(token.Pos) int) map[*ast.CallExpr]bool {
	done := map[*ast.CallExpr]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || fd.Type.TypeParams.NumFields() == 0 && len(recvTypeParams(fd)) == 0 {
			continue
		}
		// Variables defined from calls whose type arguments are written,
		// by their objects: their type is the call's result type.
		defined := map[*ast.Object]string{}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if res, ok := c.settle(call, defined, done, off); ok && res != "" {
					for _, obj := range definesOf(fd.Body, call) {
						defined[obj] = res
					}
				}
			}
			return true
		})
	}
	return done
}

// settle writes in the type arguments of a generic call in a generic body
// (see genericBodies) if its arguments' written types settle them, and
// returns its result type ("" if unknown) and whether it did. A call
// already settled is not written again.
func (c *compiler) settle(call *ast.CallExpr, defined map[*ast.Object]string, done map[*ast.CallExpr]bool, off func(token.Pos) int) (string, bool) {
	ic, ok := c.genericCallOf(call)
	if !ok {
		return "", false
	}
	for i, a := range call.Args {
		if ic.args[i].untyped == "" {
			ic.args[i].mode = Typed{Type: c.writtenType(a, defined, done, off)}
		}
	}
	targs, ok, _ := c.inferTypeArgs(ic)
	if !ok {
		return "", false
	}
	if !done[call] {
		done[call] = true
		c.edits = append(c.edits, edit{off(call.Fun.End()), off(call.Fun.End()), "[" + strings.Join(targs, ", ") + "]"})
		c.typeSelectors(targs)
	}
	return resultType(ic.decl, targs), true
}

// genericCallOf is genericCall without sites: the call's generic decl and
// its arguments' untyped constants.
func (c *compiler) genericCallOf(n *ast.CallExpr) (inferCall, bool) {
	sites := len(c.sites)
	call, ok := c.genericCall(n, func(token.Pos) int { return -1 })
	c.sites = c.sites[:sites]
	for i := range call.args {
		call.args[i].at = -1
	}
	return call, ok
}

// writtenType returns e's type as the source spells it, or "".
func (c *compiler) writtenType(e ast.Expr, defined map[*ast.Object]string, done map[*ast.CallExpr]bool, off func(token.Pos) int) string {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return c.writtenType(x.X, defined, done, off)
	case *ast.CallExpr:
		res, _ := c.settle(x, defined, done, off)
		return res
	case *ast.FuncLit:
		return c.typeText(x.Type, off)
	case *ast.CompositeLit:
		if x.Type != nil {
			return c.typeText(x.Type, off)
		}
	case *ast.UnaryExpr:
		if lit, ok := x.X.(*ast.CompositeLit); ok && x.Op == token.AND && lit.Type != nil {
			return "*" + c.typeText(lit.Type, off)
		}
	case *ast.Ident:
		if x.Obj == nil {
			return ""
		}
		if t, ok := defined[x.Obj]; ok {
			return t
		}
		t := declaredType(x)
		if ell, ok := t.(*ast.Ellipsis); ok {
			return "[]" + c.typeText(ell.Elt, off)
		}
		if t != nil {
			return c.typeText(t, off)
		}
	}
	return ""
}

// declaredType returns the type an identifier's declaration writes out:
// a parameter's, or a variable's declared with one; else nil.
func declaredType(id *ast.Ident) ast.Expr {
	if id.Obj == nil {
		return nil
	}
	switch d := id.Obj.Decl.(type) {
	case *ast.Field:
		return d.Type
	case *ast.ValueSpec:
		return d.Type
	}
	return nil
}

// resultType returns the type of a call of decl with type arguments
// targs when it has one result that names nothing of decl's own package
// but builtin types, or "".
func resultType(decl *ast.FuncDecl, targs []string) string {
	rs := fieldTypes(decl.Type.Results)
	if len(rs) != 1 {
		return ""
	}
	t, ok := substitute(rs[0], bindings(decl.Type.TypeParams, targs), false)
	if !ok {
		return ""
	}
	return t
}

// bindings maps type parameters to their arguments.
func bindings(params *ast.FieldList, targs []string) map[string]string {
	bound := map[string]string{}
	i := 0
	for _, f := range params.List {
		for _, n := range f.Names {
			if i < len(targs) {
				bound[n.Name] = targs[i]
			}
			i++
		}
	}
	return bound
}

// substitute writes type e with the type parameters in bound replaced by
// their arguments. Other names stay if keep is set (the cells' types), and
// make it fail otherwise (types of a package of their own). It knows the
// common shapes only.
func substitute(e ast.Expr, bound map[string]string, keep bool) (string, bool) {
	ok := true
	var b strings.Builder
	var write func(e ast.Expr)
	list := func(es []ast.Expr) {
		for i, e := range es {
			if i > 0 {
				b.WriteString(", ")
			}
			write(e)
		}
	}
	write = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.Ident:
			if t, isParam := bound[x.Name]; isParam {
				b.WriteString(t)
			} else if universe[x.Name] || keep {
				b.WriteString(x.Name)
			} else {
				ok = false
			}
		case *ast.ArrayType:
			if x.Len != nil {
				ok = false
				return
			}
			b.WriteString("[]")
			write(x.Elt)
		case *ast.StarExpr:
			b.WriteString("*")
			write(x.X)
		case *ast.MapType:
			b.WriteString("map[")
			write(x.Key)
			b.WriteString("]")
			write(x.Value)
		case *ast.ChanType:
			b.WriteString(map[ast.ChanDir]string{ast.SEND: "chan<- ", ast.RECV: "<-chan "}[x.Dir])
			if x.Dir == ast.SEND|ast.RECV {
				b.WriteString("chan ")
			}
			write(x.Value)
		case *ast.FuncType:
			b.WriteString("func(")
			list(fieldTypes(x.Params))
			b.WriteString(")")
			if rs := fieldTypes(x.Results); len(rs) == 1 {
				b.WriteString(" ")
				write(rs[0])
			} else if len(rs) > 1 {
				b.WriteString(" (")
				list(rs)
				b.WriteString(")")
			}
		case *ast.Ellipsis:
			b.WriteString("...")
			write(x.Elt)
		case *ast.SelectorExpr:
			b.WriteString(types.ExprString(x))
		case *ast.IndexExpr, *ast.IndexListExpr:
			base, args := instance(x)
			write(base)
			b.WriteString("[")
			list(args)
			b.WriteString("]")
		default:
			ok = false
		}
	}
	write(e)
	return b.String(), ok
}

// definesOf returns the objects of the variables "v := call" defines in
// body.
func definesOf(body *ast.BlockStmt, call *ast.CallExpr) []*ast.Object {
	var out []*ast.Object
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 && as.Rhs[0] == call {
			if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Obj != nil {
				out = append(out, id.Obj)
			}
		}
		return true
	})
	return out
}
