package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

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
		// A range over an iterator a call returns (slices.Values(xs)):
		// its written type tells, as a probe would elsewhere.
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			r, ok := n.(*ast.RangeStmt)
			if !ok {
				return true
			}
			if _, isIdent := r.X.(*ast.Ident); isIdent {
				return true // declaredIterator's
			}
			t, err := parser.ParseExpr(c.writtenType(r.X, defined, done, off))
			if err != nil {
				return true
			}
			if mode, ok := c.iteratorMode(t, types.ExprString); ok {
				c.bodyRanges[r] = mode
			}
			return true
		})
	}
	return done
}

// settle writes in the type arguments of a generic call in a generic body
// (see genericBodies) if its arguments' written types settle them, and
// returns its result type ("" if unknown) and whether it did. A call
// already settled (in done) is not written again, nor any if done is nil.
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
	if done != nil && !done[call] { // nil: only asked what it returns
		done[call] = true
		if !yaegiInfers(ic) {
			c.writeTypeArgs(call, ic.decl, targs, off)
		}
	}
	if _, own := call.Fun.(*ast.Ident); own {
		// A generic func of the cells: its result may name their types
		// (Zip's []Pair[A, B]).
		return c.instanceResult(ic.decl, targs), true
	}
	return resultType(ic.decl, targs), true
}

// yaegiInfers reports whether yaegi's own inference gets the type
// arguments of call right, so that they need not be written in (a single
// one written in, an instance of a generic type made in the same compile,
// yaegi cannot find: see the evaluator's typeIDs). yaegi collects the
// argument types that stand where the parameters name type parameters
// (through slices, pointers, channels, maps and funcs), in order, and takes
// the first ones, one per type parameter: right when those come in
// declaration order. Untyped constants and variadic calls it gets wrong.
func yaegiInfers(call inferCall) bool {
	if call.n.Ellipsis.IsValid() {
		return false
	}
	for _, a := range call.args {
		if a.untyped != "" {
			return false
		}
	}
	names := typeParamList(call.decl.Type.TypeParams)
	isParam := map[string]bool{}
	for _, n := range names {
		isParam[n] = true
	}
	var seq []string
	unknown := false
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.Ident:
			if isParam[x.Name] {
				seq = append(seq, x.Name)
			}
		case *ast.StarExpr:
			walk(x.X)
		case *ast.ChanType:
			walk(x.Value)
		case *ast.MapType:
			walk(x.Key)
			walk(x.Value)
		case *ast.ArrayType:
			if x.Len != nil {
				unknown = unknown || mentions(x, isParam)
				return
			}
			walk(x.Elt)
		case *ast.FuncType:
			for _, p := range fieldTypes(x.Params) {
				walk(p)
			}
			for _, r := range fieldTypes(x.Results) {
				walk(r)
			}
		default:
			unknown = unknown || mentions(x, isParam)
		}
	}
	params := fieldTypes(call.decl.Type.Params)
	if len(params) != len(call.args) {
		return false
	}
	for _, p := range params {
		if _, ok := p.(*ast.Ellipsis); ok {
			return false
		}
		walk(p)
	}
	if unknown || len(seq) < len(names) {
		return false
	}
	for i, n := range names {
		if seq[i] != n {
			return false
		}
	}
	return true
}

// mentions reports whether type e names one of params.
func mentions(e ast.Expr, params map[string]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && params[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

// typeParamList returns the names of a type parameter list, in order.
func typeParamList(fl *ast.FieldList) []string {
	var out []string
	if fl == nil {
		return nil
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			out = append(out, n.Name)
		}
	}
	return out
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
		if res, ok := c.settle(x, defined, done, off); ok {
			return res
		}
		switch f := x.Fun.(type) {
		case *ast.Ident:
			// A variable or parameter of a written func type.
			if ft, ok := declaredType(f).(*ast.FuncType); ok {
				if rs := fieldTypes(ft.Results); len(rs) == 1 {
					return c.typeText(rs[0], off)
				}
			}
		case *ast.SelectorExpr:
			if t := c.writtenType(f.X, defined, done, off); t != "" {
				return c.current(c.methodResult(t, f.Sel.Name))
			}
		}
		return c.current(c.plainResult(x))
	case *ast.SliceExpr:
		// A slice of a slice is of its type; of an array, a slice of its
		// elements.
		t := c.writtenType(x.X, defined, done, off)
		if e, err := parser.ParseExpr(t); err == nil {
			if at, ok := e.(*ast.ArrayType); ok && at.Len != nil {
				return "[]" + types.ExprString(at.Elt)
			}
		}
		return t
	case *ast.IndexExpr:
		// An element of a slice, array or map of a written type (or of
		// a type of the cells over one).
		text := c.writtenType(x.X, defined, done, off)
		t, err := parser.ParseExpr(text)
		if err != nil {
			return ""
		}
		if _, named := t.(*ast.Ident); named {
			if u, _ := c.underlying(versionedRE.ReplaceAllString(text, "$1"), 0); u != nil {
				t = u
			}
		}
		switch t := t.(type) {
		case *ast.ArrayType:
			return types.ExprString(t.Elt)
		case *ast.MapType:
			return types.ExprString(t.Value)
		}
	case *ast.SelectorExpr:
		if t := c.writtenType(x.X, defined, done, off); t != "" {
			// By the cells' types' names in this compile, as the rest.
			return c.current(c.fieldType(t, x.Sel.Name))
		}
	case *ast.FuncLit:
		return c.typeText(x.Type, off)
	case *ast.CompositeLit:
		if x.Type != nil {
			return c.typeText(x.Type, off)
		}
	case *ast.UnaryExpr:
		if t := c.writtenType(x.X, defined, done, off); x.Op == token.AND && t != "" {
			return "*" + t // &T{...}, &v
		}
	case *ast.StarExpr:
		if t := c.writtenType(x.X, defined, done, off); strings.HasPrefix(t, "*") {
			return t[1:] // *p
		}
	case *ast.Ident:
		if x.Obj == nil {
			return c.declaredVar(x.Name)
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
		// Defined from an expression of a written type (&Tree[K, V]{},
		// a conversion) or a generic call that one settles; not another
		// call, whose type settle would write in.
		if as, ok := x.Obj.Decl.(*ast.AssignStmt); ok && c.switchOf[as] != nil {
			return c.switchVarType(c.switchOf[as], x, defined, done, off)
		}
		if as, ok := x.Obj.Decl.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Rhs) == 1 {
			// A range's variable: a key or element of a written operand.
			if r, ok := as.Rhs[0].(*ast.UnaryExpr); ok && r.Op == token.RANGE {
				if hasCall(r.X) {
					return "" // settle would write into the calls
				}
				return rangeVarType(c.writtenType(r.X, defined, done, off), as.Lhs, x.Name)
			}
		}
		if as, ok := x.Obj.Decl.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
			for i, l := range as.Lhs {
				if l, ok := l.(*ast.Ident); !ok || l.Name != x.Name {
					continue
				}
				if call, ok := as.Rhs[i].(*ast.CallExpr); ok {
					if t := c.callResult(call, off); t != "" {
						return t
					}
					// A method's result, on an operand without calls
					// (va := w.stock[a].Value()).
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && !hasCall(sel.X) {
						if t := c.writtenType(sel.X, defined, done, off); t != "" {
							return c.methodResult(t, sel.Sel.Name)
						}
					}
					return ""
				}
				if t := untypedDefault(as.Rhs[i]); t != "" {
					return t // x := 5
				}
				if !hasCall(as.Rhs[i]) {
					return c.writtenType(as.Rhs[i], defined, done, off)
				}
			}
		}
		if as, ok := x.Obj.Decl.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Rhs) == 1 && len(as.Lhs) > 1 {
			// One of the results of a method, on an operand without
			// calls (sum, err := m.Mul(o)) or a call whose result the
			// source tells (New[Score](2).Mul(o)).
			call, ok := as.Rhs[0].(*ast.CallExpr)
			if !ok {
				return ""
			}
			if rs := c.funcResults(call, defined, done, off); len(rs) == len(as.Lhs) {
				// One of the results of a func of the cells (ks, rows :=
				// GroupBy(keys)).
				for i, l := range as.Lhs {
					if l, ok := l.(*ast.Ident); ok && l.Name == x.Name {
						return rs[i]
					}
				}
			}
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return ""
			}
			t := ""
			if recv, isCall := sel.X.(*ast.CallExpr); isCall {
				t = c.callResult(recv, off)
			} else if !hasCall(sel.X) {
				t = c.writtenType(sel.X, defined, done, off)
			}
			if t == "" {
				return ""
			}
			rs := c.methodResults(versionedRE.ReplaceAllString(t, "$1"), sel.Sel.Name, 0)
			for i, l := range as.Lhs {
				if l, ok := l.(*ast.Ident); ok && l.Name == x.Name && len(rs) == len(as.Lhs) {
					return rs[i]
				}
			}
		}
	}
	return ""
}

// switchVarType returns the type of x, the variable a type switch binds,
// where x is: the case's type in a case of one type, else the switch's
// operand's.
func (c *compiler) switchVarType(ts *ast.TypeSwitchStmt, x *ast.Ident, defined map[*ast.Object]string, done map[*ast.CallExpr]bool, off func(token.Pos) int) string {
	for _, cl := range ts.Body.List {
		cc := cl.(*ast.CaseClause)
		if x.Pos() < cc.Colon || x.Pos() >= cc.End() {
			continue
		}
		if len(cc.List) == 1 && !isNilIdent(cc.List[0]) {
			return c.typeText(cc.List[0], off)
		}
		break
	}
	if ta, ok := ts.Assign.(*ast.AssignStmt).Rhs[0].(*ast.TypeAssertExpr); ok && !hasCall(ta.X) {
		return c.writtenType(ta.X, defined, done, off)
	}
	return ""
}

// declaredVar returns the type a top-level var of the cells (another
// declaration of this cell, or an earlier cell's) is declared with, as
// the evaluator names it now, or "".
func (c *compiler) declaredVar(name string) string {
	src := c.declSource(name)
	if !strings.HasPrefix(src, "var ") {
		if t := c.env.VarType(name); t != "" {
			// By the cells' types' names in this compile.
			return c.current(versionedRE.ReplaceAllString(t, "$1"))
		}
		return ""
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return ""
	}
	gd, ok := f.Decls[0].(*ast.GenDecl)
	if !ok {
		return ""
	}
	for _, sp := range gd.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok || !slices.ContainsFunc(vs.Names, func(n *ast.Ident) bool { return n.Name == name }) {
			continue
		}
		if vs.Type == nil && len(vs.Names) == 1 && len(vs.Values) == 1 {
			// var fs = []func() T{...}: the literal's type.
			if lit, ok := vs.Values[0].(*ast.CompositeLit); ok && lit.Type != nil {
				vs.Type = lit.Type
			}
		}
		if vs.Type == nil {
			continue
		}
		ast.Inspect(vs.Type, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				return false // a package's type
			case *ast.Ident:
				n.Name = c.env.Rename(n.Name)
			}
			return true
		})
		return types.ExprString(vs.Type)
	}
	return ""
}

// plainResult returns the result type of a call of a func of the cells
// that is not generic and has one result, or "".
func (c *compiler) plainResult(call *ast.CallExpr) string {
	if rs := c.plainResults(call); len(rs) == 1 {
		return rs[0]
	}
	return ""
}

// plainResults returns the result types of call, of a func of the cells
// that is not generic, as its declaration writes them; or nil.
func (c *compiler) plainResults(call *ast.CallExpr) []string {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || id.Obj != nil && id.Obj.Kind != ast.Fun {
		return nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+c.declSource(id.Name), 0)
	if err != nil {
		return nil
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name != id.Name || fd.Type.TypeParams != nil {
			continue
		}
		return substituteAll(fd.Type.Results, nil)
	}
	return nil
}

// funcResults returns the result types of call, of a func of the cells,
// as its declaration writes them, a generic one's with the type arguments
// its arguments' written types settle put in; or nil.
func (c *compiler) funcResults(call *ast.CallExpr, defined map[*ast.Object]string, done map[*ast.CallExpr]bool, off func(token.Pos) int) []string {
	if ic, ok := c.genericCallOf(call); ok {
		if _, own := call.Fun.(*ast.Ident); !own {
			return nil
		}
		for i, a := range call.Args {
			if ic.args[i].untyped == "" {
				ic.args[i].mode = Typed{Type: c.writtenType(a, defined, done, off)}
			}
		}
		if targs, ok, _ := c.inferTypeArgs(ic); ok {
			return c.instanceResults(ic.decl, targs)
		}
		return nil
	}
	return c.plainResults(call)
}

// methodResult returns the result type of method name of a type of the
// cells (or a pointer to one), given as source text, with the type
// arguments of an instance put in, when it has one result; or "".
func (c *compiler) methodResult(t, name string) string {
	if rs := c.methodResults(t, name, 0); len(rs) == 1 {
		return rs[0]
	}
	return ""
}

// methodResults returns the result types of method name of a type of the
// cells (or a pointer to one), as methodResult does, or nil if one cannot
// be written.
func (c *compiler) methodResults(t, name string, depth int) []string {
	_, ts, _, targs := c.namedType(strings.TrimPrefix(t, "*"))
	if ts == nil || depth > 4 {
		return nil
	}
	if ts.TypeParams == nil {
		switch x := ts.Type.(type) {
		case *ast.InterfaceType:
			// A method of an interface of the cells (w.Balance()).
			for _, m := range c.interfaceMethods(x, 0) {
				if ft, ok := m.Type.(*ast.FuncType); ok && m.Names[0].Name == name {
					var out []string
					for _, r := range fieldTypes(ft.Results) {
						out = append(out, types.ExprString(r))
					}
					return out
				}
			}
			return nil
		case *ast.StructType:
			if c.declSource(ts.Name.Name+"."+name) == "" && x.Fields != nil {
				// A method an embedded field promotes (l.Balance() of
				// a struct embedding *Account).
				for _, f := range x.Fields.List {
					if len(f.Names) != 0 {
						continue
					}
					if rs := c.methodResults(types.ExprString(f.Type), name, depth+1); rs != nil {
						return rs
					}
				}
				return nil
			}
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+c.declSource(ts.Name.Name+"."+name), 0)
	if err != nil {
		return nil
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Name.Name != name {
			continue
		}
		// The receiver's own names for the type parameters.
		bound := map[string]string{}
		recv := fd.Recv.List[0].Type
		if star, ok := recv.(*ast.StarExpr); ok {
			recv = star.X
		}
		if _, args := instance(recv); len(args) == len(targs) {
			for i, a := range args {
				if id, ok := a.(*ast.Ident); ok {
					bound[id.Name] = targs[i]
				}
			}
		}
		return substituteAll(fd.Type.Results, bound)
	}
	return nil
}

// fieldType returns the type of field name of a struct type of the cells
// (or a pointer to one), given as source text, with the type arguments of
// an instance put in; or "".
func (c *compiler) fieldType(t, name string) string {
	_, ts, _, targs := c.namedType(strings.TrimPrefix(t, "*"))
	if ts == nil {
		return ""
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return ""
	}
	for _, fl := range st.Fields.List {
		named := len(fl.Names) == 0 && embeddedName(fl.Type) == name // a.Owner of an embedded *Owner
		for _, n := range fl.Names {
			named = named || n.Name == name
		}
		if named {
			ft, ok := substitute(fl.Type, bindings(ts.TypeParams, targs), true)
			if !ok {
				return ""
			}
			return ft
		}
	}
	return ""
}

// substituteAll writes the types of the field list fl (a func's results)
// with the type parameters in bound replaced, or returns nil if one cannot
// be written.
func substituteAll(fl *ast.FieldList, bound map[string]string) []string {
	var out []string
	for _, r := range fieldTypes(fl) {
		t, ok := substitute(r, bound, true)
		if !ok {
			return nil
		}
		out = append(out, t)
	}
	return out
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
