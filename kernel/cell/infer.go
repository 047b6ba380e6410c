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
	// given are the type arguments the call writes, fewer than the func's
	// type parameters (Convert[float64](ints)): Go infers the others.
	given []string
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
	fun, indices := instance(n.Fun)
	if fun == nil {
		fun = n.Fun
	}
	switch f := fun.(type) {
	case *ast.Ident:
		if f.Obj == nil || f.Obj.Kind == ast.Fun {
			decl = c.genericFunc(f.Name)
		}
	case *ast.SelectorExpr:
		// A generic func of a package the interpreter has from source.
		if pkg, ok := f.X.(*ast.Ident); ok && pkg.Obj == nil {
			if p := c.importPath(pkg.Name); p != "" {
				decl = genericDecl(c.env.Source(p+"."+f.Sel.Name), f.Sel.Name)
			}
		}
	}
	if decl == nil || len(indices) > 0 && len(indices) >= visibleParams(decl) {
		return inferCall{}, false // all written (funcInstances writes the hidden ones)
	}
	call := inferCall{n: n, decl: decl}
	for _, ix := range indices {
		if off(ix.Pos()) < 0 { // genericCallOf's: no source offsets
			call.given = append(call.given, types.ExprString(ix))
			continue
		}
		call.given = append(call.given, c.typeText(ix, off))
	}
	for _, a := range n.Args {
		arg := inferArg{e: a, at: -1, untyped: untypedDefault(a)}
		if id, ok := a.(*ast.Ident); arg.untyped == "" && !(ok && id.Name == "nil" && id.Obj == nil) {
			arg.at = off(a.Pos())
			c.sites = append(c.sites, arg.at)
			arg.mode = c.typed(arg.at)
			lost := arg.mode.Lost
			if arg.mode.Type == "" && !arg.mode.Probe {
				arg.mode = c.definedFrom(a, off)
			}
			if call, ok := a.(*ast.CallExpr); ok && lost && arg.mode.Type == "" {
				// A probe got no type (the chunk failed before it: a
				// generic call in a func literal can fail as its literal
				// is compiled): a call's result as the source tells.
				arg.mode = Typed{Type: c.callResult(call, off)}
			}
			if t, ok := strings.CutPrefix(arg.mode.Type, "untyped "); ok {
				// A constant's name: as its literal would be.
				arg.untyped, arg.mode = untypedDefaults[t], Typed{}
			}
		}
		call.args = append(call.args, arg)
	}
	return call, true
}

// definedFrom returns what a probe found of the value a variable the cell
// defines (v := X) is defined from: the probe of v itself fails where X
// is probed, which makes no v.
func (c *compiler) definedFrom(e ast.Expr, off func(token.Pos) int) Typed {
	id, ok := e.(*ast.Ident)
	if !ok || id.Obj == nil {
		return Typed{}
	}
	as, ok := id.Obj.Decl.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) || !as.Rhs[0].Pos().IsValid() {
		return Typed{} // not the range's assignment the parser makes up, which has no place
	}
	for i, l := range as.Lhs {
		if l, ok := l.(*ast.Ident); ok && l.Name == id.Name {
			if t := c.typed(off(as.Rhs[i].Pos())); !t.Probe {
				return t
			}
		}
	}
	return Typed{}
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

// untypedDefaults are the default types of the kinds of untyped constants,
// as a probe names them ("untyped float").
var untypedDefaults = map[string]string{"int": "int", "float": "float64", "complex": "complex128", "rune": "rune", "string": "string", "bool": "bool"}

// writeTypeArgs writes targs in as call's type arguments. yaegi fails on a
// call with two or more type arguments written in ("not a generic type")
// where the call is an element of a composite literal without a key: there
// it gets the call's result type, from a func literal's.
func (c *compiler) writeTypeArgs(call *ast.CallExpr, decl *ast.FuncDecl, targs []string, off func(token.Pos) int) {
	c.typeSelectors(targs)
	c.inferredResult[call] = c.instanceResults(decl, targs)
	written := make([]string, len(targs))
	for i, t := range targs {
		written[i] = c.aliasInstances(t)
	}
	if slices.ContainsFunc(written, func(t string) bool { return c.needsVia(t, call.Pos()) }) && c.viaHelper(call, decl, written, off) {
		return
	}
	if len(written) == 1 && c.twinCall(call, decl, written[0], off) {
		return
	}
	if _, given := instance(call.Fun); given != nil {
		// Some are written (Convert[float64]): all of them replace those.
		c.replaceTypeArgs(call.Fun, written, off)
		return
	}
	c.typeArgEdit(edit{off(call.Fun.End()), off(call.Fun.End()), "[" + strings.Join(written, ", ") + "]"}, false)
	if len(targs) > 1 && c.positional[call] {
		c.wrapInFunc(call, decl, targs, off)
	}
}

// replaceTypeArgs writes targs as the type arguments of the instance x
// (F[int] or F[int, string]), first among the edits there, hiding those
// inside.
func (c *compiler) replaceTypeArgs(x ast.Expr, targs []string, off func(token.Pos) int) {
	var lbrack, rbrack token.Pos
	switch x := x.(type) {
	case *ast.IndexExpr:
		lbrack, rbrack = x.Lbrack, x.Rbrack
	case *ast.IndexListExpr:
		lbrack, rbrack = x.Lbrack, x.Rbrack
	default:
		return
	}
	from, to := off(lbrack), off(rbrack)+1
	c.typeArgEdit(edit{from, to, "[" + strings.Join(targs, ", ") + "]" + newlines(c.src[from:to])}, true)
}

// aliasInstances writes the instances of generic types of two or more
// type parameters in the type argument t (Pair[string, int],
// []Pair[string, int]) as aliases of them declared at top level (see
// Program.Chunks): yaegi cannot instantiate a func with such a type
// argument written out ("not a generic type", or a nil dereference in its
// compiler; slices.SortFunc of a []Pair[string, int] failed), and can with
// an alias's name. Instances naming type parameters (in a generic body)
// stay: no top-level alias can name those.
func (c *compiler) aliasInstances(t string) string {
	e, err := parser.ParseExpr(t)
	if err != nil {
		return t
	}
	var out strings.Builder
	last := 0
	ast.Inspect(e, func(n ast.Node) bool {
		var x ast.Expr
		switch n := n.(type) {
		case *ast.IndexListExpr:
			x = n
		case *ast.IndexExpr:
			// An instance of one type parameter over an instance or a
			// type literal (Envelope[map[string]int]): yaegi's compiler
			// dereferenced nil on it too.
			if id, ok := n.X.(*ast.Ident); !ok || c.cellTypeDecl(versionRE.ReplaceAllString(id.Name, "")) == nil || isIdentType(n.Index) {
				return true
			}
			x = n
		default:
			return true
		}
		if !c.topLevelType(x) {
			return false
		}
		text := t[x.Pos()-1 : x.End()-1]
		name := fmt.Sprintf("%sta%x", helperPrefix, fnv32(text))
		if !slices.ContainsFunc(c.aliases, func(a [2]string) bool { return a[0] == name }) {
			c.aliases = append(c.aliases, [2]string{name, text})
		}
		out.WriteString(t[last : x.Pos()-1])
		out.WriteString(name)
		last = int(x.End()) - 1
		return false
	})
	out.WriteString(t[last:])
	return out.String()
}

// hasInstance reports whether the type t has an instance of a generic
// type in it.
func hasInstance(t ast.Expr) bool {
	found := false
	ast.Inspect(t, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr:
			found = true
		}
		return !found
	})
	return found
}

// isIdentType reports whether the type t is a name (int, Point, T).
func isIdentType(t ast.Expr) bool {
	_, ok := t.(*ast.Ident)
	return ok
}

// aliasTypeArgs writes the type arguments the source gives a generic
// func's call that are instances of generic types (MaxBy[Pair[string,
// int], int](...), Decode[Envelope[[]Point]](...)) as aliases, as
// aliasInstances does for the ones the compiler writes in.
func (c *compiler) aliasTypeArgs(n *ast.CallExpr, off func(token.Pos) int) {
	fun, indices := instance(n.Fun)
	if len(indices) == 0 {
		return
	}
	var decl *ast.FuncDecl
	switch f := fun.(type) {
	case *ast.Ident:
		if decl = c.genericFunc(f.Name); decl == nil {
			return
		}
	case *ast.SelectorExpr:
		pkg, ok := f.X.(*ast.Ident)
		if !ok || pkg.Obj != nil || c.importPath(pkg.Name) == "" {
			return
		}
		decl = genericDecl(c.env.Source(c.importPath(pkg.Name)+"."+f.Sel.Name), f.Sel.Name)
	default:
		return
	}
	if decl != nil && len(indices) == len(typeParamList(decl.Type.TypeParams)) && slices.ContainsFunc(indices, func(ix ast.Expr) bool {
		return c.needsVia(types.ExprString(ix), n.Pos())
	}) {
		// In a generic body (Insert[[]Pair[K, V], Pair[K, V]]): see viaHelper.
		written := make([]string, len(indices))
		for i, ix := range indices {
			written[i] = c.aliasInstances(c.typeText(ix, off))
		}
		if c.viaHelper(n, decl, written, off) {
			return
		}
	}
	if decl != nil && len(indices) == 1 && c.twinCall(n, decl, c.typeText(indices[0], off), off) {
		return
	}
	for _, ix := range indices {
		if !hasInstance(ix) {
			continue
		}
		text := c.typeText(ix, off)
		if a := c.aliasInstances(text); a != text {
			// First among the edits at its start: it hides those inside.
			c.edits = append([]edit{{off(ix.Pos()), off(ix.End()), a + newlines(c.src[off(ix.Pos()):off(ix.End())])}}, c.edits...)
		}
	}
}

// topLevelType reports whether the type e names only types a top-level
// declaration can see: predeclared ones, packages' and the cells'.
func (c *compiler) topLevelType(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			return false // a package's
		case *ast.Ident:
			base := versionRE.ReplaceAllString(n.Name, "")
			// T__0 is a type parameter named apart (renameTypeParams).
			if !universe[n.Name] && c.cellTypeDecl(base) == nil && !c.env.Defined(base) || strings.HasSuffix(n.Name, "__0") {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// wrapInFunc makes the call func() R { return call }(), R the result type
// of decl instantiated with targs, if it has one.
func (c *compiler) wrapInFunc(call *ast.CallExpr, decl *ast.FuncDecl, targs []string, off func(token.Pos) int) {
	typ := c.instanceResult(decl, targs)
	if typ == "" {
		return
	}
	c.typeSelectors([]string{typ})
	c.edits = append(c.edits, edit{off(call.Pos()), off(call.Pos()), "func() " + typ + " { return "},
		edit{off(call.End()), off(call.End()), " }()"})
}

// instanceResult returns the result type of decl instantiated with targs,
// as the cell writes it now (Pair__2 for the user's Pair), or "" unless it
// has exactly one result.
func (c *compiler) instanceResult(decl *ast.FuncDecl, targs []string) string {
	if rs := c.instanceResults(decl, targs); len(rs) == 1 {
		return rs[0]
	}
	return ""
}

// instanceResults returns the result types of decl instantiated with
// targs, as the cell writes them now, or nil if one cannot be written.
func (c *compiler) instanceResults(decl *ast.FuncDecl, targs []string) []string {
	var out []string
	bound := bindings(decl.Type.TypeParams, targs)
	if names := typeParamList(decl.Type.TypeParams); len(targs) < len(names) {
		// The user's type arguments, before the hidden ones (see hide).
		coreBound(names, coreTypes(decl), bound)
	}
	for _, typ := range substituteAll(decl.Type.Results, bound) {
		out = append(out, c.current(typ))
	}
	return out
}

// current writes the cells' types in type text typ by their names in
// this compile (Pair__2 for the user's Pair).
func (c *compiler) current(typ string) string {
	return identRE.ReplaceAllStringFunc(typ, func(id string) string {
		if id[0] == '.' {
			return id
		}
		return c.env.Rename(id)
	})
}

// explicitResult returns the result type of a call of a generic func of
// the cells whose type arguments are written (NewTree[string, int]()) or
// told by literals, or of a method of what one returns, or "".
func (c *compiler) explicitResult(value ast.Expr, off func(token.Pos) int) string {
	call, ok := value.(*ast.CallExpr)
	if !ok {
		return ""
	}
	var id *ast.Ident
	var indices []ast.Expr
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		// A method of what such a call returns (NewTree[K, V]().Put(k, v)).
		if t := c.explicitResult(f.X, off); t != "" {
			return c.current(c.methodResult(versionedRE.ReplaceAllString(t, "$1"), f.Sel.Name))
		}
		return ""
	case *ast.IndexExpr:
		id, _ = f.X.(*ast.Ident)
		indices = []ast.Expr{f.Index}
	case *ast.IndexListExpr:
		id, _ = f.X.(*ast.Ident)
		indices = f.Indices
	}
	if f, ok := call.Fun.(*ast.Ident); ok && f.Obj == nil {
		return c.writtenResult(call, off)
	}
	if id == nil || id.Obj != nil {
		return ""
	}
	decl := c.genericFunc(id.Name)
	if decl == nil || decl.Type.TypeParams.NumFields() != len(indices) {
		return ""
	}
	var targs []string
	for _, ix := range indices {
		targs = append(targs, types.ExprString(ix))
	}
	return c.instanceResult(decl, targs)
}

// writtenResult returns the result type of a call of a generic func of
// the cells whose arguments' types the source spells out (literals,
// declared variables, compiled funcs' results, constants): Go infers its
// type arguments from those alone.
func (c *compiler) writtenResult(call *ast.CallExpr, off func(token.Pos) int) string {
	ic, ok := c.genericCallOf(call)
	if !ok {
		return ""
	}
	typed := 0
	for _, a := range ic.args {
		if a.untyped == "" {
			typed++
		}
	}
	written, known := c.writtenCall(ic, off)
	if known != typed {
		return ""
	}
	targs, ok, conflict := c.inferTypeArgs(written)
	if !ok || conflict != nil {
		return ""
	}
	return c.instanceResult(ic.decl, targs)
}

var identRE = regexp.MustCompile(`\.?[A-Za-z_][A-Za-z0-9_]*`)

// inferCalls writes in the type arguments of calls of generic funcs once
// probes have found enough of their arguments' types, and probes those
// asked, arguments of func and iterator parameters first: they tell the
// most. A call is left alone until a probe has found something, that is
// until its chunk has failed to compile as written, unless its arguments
// are all untyped constants, or one binds a type parameter beside others
// (whose types the source spells, or eager probes find).
func (c *compiler) inferCalls(calls []inferCall, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	// Inner calls first: an outer call's argument is probed as rewritten.
	for _, call := range slices.Backward(calls) {
		// Arguments that are all untyped constants tell their types
		// without a probe: the call gets them at once.
		probed, constants := false, true
		ps := paramTypes(call.decl.Type, len(call.args), call.n.Ellipsis.IsValid())
		tparams := funcTypeParams(call.decl)
		for i, a := range call.args {
			probed = probed || a.mode.Type != ""
			// An argument whose parameter has no type parameter in it
			// (ctx in Source(ctx, 1, 2)) tells none.
			constants = constants && (a.at < 0 || ps[i] != nil && !mentions(ps[i], tparams))
		}
		if at, msg := c.shapeMismatch(call, ps, tparams, off); msg != "" {
			c.fail(at, msg)
			continue
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
			c.writeTypeArgs(call.n, call.decl, targs, off)
			continue
		}
		if !probed && !constants {
			// Arguments whose types the source spells (declarations,
			// literals, conversions) tell them at once: a probe's round
			// costs a compile, and one that fails in a cell declaring
			// recursive generic types left yaegi a second, half-made
			// instance of them (reflect.Set: value of type *struct {...}
			// is not assignable to type *struct {...}).
			typed := 0
			for _, a := range call.args {
				if a.untyped == "" {
					typed++
				}
			}
			if written, known := c.writtenCall(call, off); known == typed {
				if targs, ok, _ := c.inferTypeArgs(written); ok {
					c.writeTypeArgs(call.n, call.decl, targs, off)
					continue
				}
			}
		}
		if !probed && c.constantBinds(call) {
			// yaegi would make the type parameter the constant's untyped
			// type (Twice(3, inc) instantiated Twice for "untyped int",
			// and a generic call in its body then panicked): Go takes the
			// other arguments' types first. Where the source spells them
			// all, the branch above wrote the type arguments in; else
			// probes tell, before the cell runs.
			for _, a := range call.args {
				if a.at >= 0 && !a.mode.Probe {
					c.eager = append(c.eager, a.at)
				}
			}
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
	names, core := typeParamList(call.decl.Type.TypeParams), coreTypes(call.decl)
	u := &unifier{c: c, params: map[string]bool{}, bound: map[string]string{}}
	for _, n := range names {
		u.params[n] = true
	}
	for i, g := range call.given {
		if i < len(names) {
			u.bound[names[i]] = g
		}
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
	coreBound(names, core, u.bound)
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

// shapeMismatch returns Go's error for an argument that cannot be passed
// to its parameter of a type literal over type parameters whatever they
// are ([]T, map[K]V, *T, func(T)): an untyped constant, or a value of a
// predeclared type whose type is known. yaegi's compiler panicked on such
// a call ("CFG post-order panic").
func (c *compiler) shapeMismatch(call inferCall, ps []ast.Expr, tparams map[string]bool, off func(token.Pos) int) (int, string) {
	if len(call.given) > 0 {
		return 0, ""
	}
	for i, a := range call.args {
		if i >= len(ps) || ps[i] == nil || !mentions(ps[i], tparams) {
			continue
		}
		switch ps[i].(type) {
		case *ast.ArrayType, *ast.MapType, *ast.StarExpr, *ast.ChanType, *ast.FuncType:
		default:
			continue
		}
		first := ""
		ast.Inspect(ps[i], func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && tparams[id.Name] && first == "" {
				first = id.Name
			}
			return first == ""
		})
		from, to := off(a.e.Pos()), off(a.e.End())
		typ := a.mode.Type
		if typ == "" && a.untyped == "" && !hasCall(a.e) {
			typ = c.writtenType(a.e, nil, nil, off)
		}
		switch {
		case a.untyped != "":
			for _, b := range call.args {
				if b.untyped == "" && !isNilIdent(b.e) {
					// Another argument may tell the type parameters.
					kind := map[string]string{"float64": "float", "complex128": "complex"}[a.untyped]
					if kind == "" {
						kind = a.untyped
					}
					return from, fmt.Sprintf("cannot use %s (untyped %s constant) as %s value in argument to %s",
						c.src[from:to], kind, types.ExprString(ps[i]), call.decl.Name.Name)
				}
			}
			return from, fmt.Sprintf("in call to %s, cannot infer %s", call.decl.Name.Name, first)
		case universe[typ] && !c.userDefined(typ) && typ != "any" && typ != "error":
			return from, fmt.Sprintf("in call to %s, type %s of %s does not match %s (cannot infer %s)",
				call.decl.Name.Name, typ, c.src[from:to], types.ExprString(ps[i]), first)
		}
	}
	return 0, ""
}

// coreBound binds the type parameters among names that are not bound to
// their constraints' core types, once the type parameters those name are
// bound (S ~[]E is []int once E is int), as Go infers them.
func coreBound(names []string, core map[string]ast.Expr, bound map[string]string) {
	for progress := true; progress; {
		progress = false
		for _, n := range names {
			ct := core[n]
			if _, ok := bound[n]; ok || ct == nil {
				continue
			}
			free := map[string]bool{}
			for _, m := range names {
				if _, ok := bound[m]; !ok {
					free[m] = true
				}
			}
			if mentions(ct, free) {
				continue
			}
			if t, ok := substitute(ct, bound, true); ok {
				bound[n], progress = t, true
			}
		}
	}
}

// writtenConflict returns the conflict the types the source spells out
// for a call's arguments show (see writtenType), if any: yaegi compiles
// such a call and fails only when it runs.
func (c *compiler) writtenConflict(call inferCall, off func(token.Pos) int) *conflict {
	written, known := c.writtenCall(call, off)
	if known < 2 {
		return nil // one argument cannot disagree with itself
	}
	_, _, cf := c.inferTypeArgs(written)
	return cf
}

// writtenCall returns call with the types the source spells out for its
// arguments (see writtenType), and how many it spells.
func (c *compiler) writtenCall(call inferCall, off func(token.Pos) int) (inferCall, int) {
	written := call
	written.args = slices.Clone(call.args)
	known := 0
	for i, a := range written.args {
		if call, isCall := a.e.(*ast.CallExpr); isCall && a.untyped == "" {
			// A call tells its result where the source does: a generic
			// call by its arguments' written types, a compiled package's
			// func (strings.Fields: []string) or one of the cells by its
			// declaration.
			if t := c.callResult(call, off); t != "" {
				written.args[i].mode = Typed{Type: t}
				known++
			}
			continue
		}
		if id, ok := a.e.(*ast.Ident); a.untyped != "" || ok && id.Name == "nil" && id.Obj == nil {
			continue
		}
		if t := c.writtenType(a.e, nil, nil, off); t != "" {
			written.args[i].mode = Typed{Type: t}
			known++
		}
	}
	return written, known
}

// callResult returns the result type of call as the source tells it (see
// writtenCall), or "".
func (c *compiler) callResult(call *ast.CallExpr, off func(token.Pos) int) string {
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if _, _, pkg := c.packageMember(sel); !pkg {
			// A method's, of a receiver of a written type.
			var recv string
			switch x := sel.X.(type) {
			case *ast.Ident:
				recv = c.writtenType(x, nil, nil, off)
			case *ast.CallExpr:
				recv = c.callResult(x, off)
			}
			if recv == "" {
				return ""
			}
			return c.current(c.methodResult(versionedRE.ReplaceAllString(recv, "$1"), sel.Sel.Name))
		}
	}
	if t := c.writtenResult(call, off); t != "" {
		return t
	}
	if _, ok := call.Fun.(*ast.Ident); !ok {
		// All type arguments written (NewIndex[User]()).
		if t := c.explicitResult(call, off); t != "" {
			return t
		}
	}
	if t := c.packageResult(call); t != "" {
		return t
	}
	return c.plainResult(call)
}

// packageResult returns the result type of a call of a compiled package's
// func that has one, or "".
func (c *compiler) packageResult(call *ast.CallExpr) string {
	path, name, ok := c.packageMember(call.Fun)
	if !ok {
		return ""
	}
	_, results, _, ok := c.env.FuncSig(path, name)
	if !ok || len(results) != 1 {
		return ""
	}
	return results[0]
}

// constantBinds reports whether an untyped constant argument of a call of
// a cell's generic func that calls generic funcs itself is passed to a
// parameter whose type is one of its type parameters, beside arguments
// that are not constants. (yaegi instantiates such a func for the
// constant's untyped type, and a generic call in it can then fail.)
func (c *compiler) constantBinds(call inferCall) bool {
	if _, ok := call.n.Fun.(*ast.Ident); !ok || !c.callsGeneric(call.decl.Body) {
		return false
	}
	params := paramTypes(call.decl.Type, len(call.args), call.n.Ellipsis.IsValid())
	names := funcTypeParams(call.decl)
	binds, others := false, false
	for i, a := range call.args {
		id, bare := params[i].(*ast.Ident)
		binds = binds || a.untyped != "" && bare && names[id.Name]
		others = others || a.untyped == ""
	}
	return binds && others
}

// funcTypeParams returns the names of the type parameters of decl.
func funcTypeParams(decl *ast.FuncDecl) map[string]bool {
	names := map[string]bool{}
	for _, f := range decl.Type.TypeParams.List {
		for _, n := range f.Names {
			names[n.Name] = true
		}
	}
	return names
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

// callsGeneric reports whether body calls a generic func of the cells.
func (c *compiler) callsGeneric(body *ast.BlockStmt) bool {
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fun := call.Fun
		if ix, ok := fun.(*ast.IndexExpr); ok {
			fun = ix.X
		} else if ix, ok := fun.(*ast.IndexListExpr); ok {
			fun = ix.X
		}
		if id, ok := fun.(*ast.Ident); ok && c.genericFunc(id.Name) != nil {
			found = true
		}
		return !found
	})
	return found
}
