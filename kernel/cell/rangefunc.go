package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// The interpreter cannot range over a func (Go 1.23 iterators), and which
// range statements do that is a matter of types, which only the
// interpreter knows. So the evaluator asks: a statement it cannot compile
// is compiled again as a probe whose error names the operand's type, and
// once that is known to be a func(yield func(...) bool), the loop becomes
// the call Go defines it to be, the body the yield func. Top-level defines
// of generic calls' results get the same treatment.

// Typed is what the evaluator found out of the operand of a statement
// that compiles differently by its type, which only the interpreter knows:
// a range statement not over an integer (its operand X), and a top-level
// "x := X" (which yaegi cannot compile when X is a generic call).
// Env.Typed gives it by the statement's offset in the cell.
type Typed struct {
	// Probe compiles the statement as "var _ ProbeType(off) = (X)", whose
	// compile error names the type of X.
	Probe bool
	// Type is the type of X, as source text valid in the cell: a define
	// becomes "x := *new(Type); x = X".
	Type string
	// Func is set when X is a func(yield func(Params...) bool); the loop
	// becomes a call of X. Params are the types of yield's parameters.
	Func   bool
	Params []string
	// Lost says a probe of X got no type: the chunk failed before it.
	Lost bool
}

// ProbeType is what the probe of the statement at offset off assigns its
// operand to; the interpreter's error then reads "cannot use type T as
// type struct { _fountain_probeOFF int}": the type, and whose it is.
func ProbeType(off int) string { return fmt.Sprintf("struct{ %sprobe%d int }", helperPrefix, off) }

// rangeSite is a range statement that is not over an integer.
type rangeSite struct {
	n    *ast.RangeStmt
	mode Typed
}

// rangeFuncs rewrites the range statements env says range over funcs, and
// those it asks to probe. parent maps each node of f to its parent.
func (c *compiler) rangeFuncs(sites []rangeSite, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	rewritten := map[*ast.RangeStmt]bool{}
	for _, s := range sites {
		if s.mode.Func && !s.mode.Probe {
			rewritten[s.n] = true
		}
	}
	for _, s := range sites {
		switch {
		case s.mode.Probe:
			c.edits = append(c.edits,
				edit{off(s.n.For), off(s.n.X.Pos()), "{ var _ " + ProbeType(off(s.n.For)) + " = (" + newlines(c.src[off(s.n.For):off(s.n.X.Pos())])},
				edit{off(s.n.X.End()), off(s.n.End()), ") }" + newlines(c.src[off(s.n.X.End()):off(s.n.End())])})
		case s.mode.Func:
			c.rangeOverFunc(s.n, s.mode.Params, rewritten, parent, off)
		}
	}
}

// declaredIterator tells a range operand that is a func by its declared
// type: a parameter or variable written as iter.Seq[V], iter.Seq2[K, V] or
// func(yield func(...) bool). It needs no probe, and none could be made in
// the body of a generic func, which yaegi compiles only where a later cell
// instantiates it.
func (c *compiler) declaredIterator(x ast.Expr, off func(token.Pos) int) (Typed, bool) {
	id, ok := x.(*ast.Ident)
	if !ok || id.Obj == nil {
		return Typed{}, false
	}
	return c.iteratorMode(declaredType(id), func(e ast.Expr) string { return c.typeText(e, off) })
}

// methodIterator tells a range operand that is a call of a method of the
// cells' types returning an iterator (t.All()) on a variable of a written
// type, by the method's declaration: no probe needs to compile the cell
// first.
func (c *compiler) methodIterator(x ast.Expr, off func(token.Pos) int) (Typed, bool) {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return Typed{}, false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return Typed{}, false
	}
	if _, isIdent := sel.X.(*ast.Ident); !isIdent {
		return Typed{}, false
	}
	recv := c.writtenType(sel.X, nil, nil, off)
	if recv == "" {
		return Typed{}, false
	}
	t, err := parser.ParseExpr(c.methodResult(recv, sel.Sel.Name))
	if err != nil {
		return Typed{}, false
	}
	return c.iteratorMode(t, types.ExprString)
}

// iteratorMode tells whether type t is an iterator: iter.Seq[V],
// iter.Seq2[K, V] or func(yield func(...) bool). text writes a type.
func (c *compiler) iteratorMode(t ast.Expr, text func(ast.Expr) string) (Typed, bool) {
	var params []ast.Expr
	switch t := t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		base, args := instance(t)
		sel, ok := base.(*ast.SelectorExpr)
		if !ok || types.ExprString(sel.X) != "iter" || c.userDefined("iter") ||
			!(sel.Sel.Name == "Seq" && len(args) == 1 || sel.Sel.Name == "Seq2" && len(args) == 2) {
			return Typed{}, false
		}
		params = args
	case *ast.FuncType:
		ps := fieldTypes(t.Params)
		if len(ps) != 1 || t.Results != nil && len(t.Results.List) > 0 {
			return Typed{}, false
		}
		y, ok := ps[0].(*ast.FuncType)
		rs := fieldTypes(y.Results)
		if !ok || len(rs) != 1 || types.ExprString(rs[0]) != "bool" {
			return Typed{}, false
		}
		params = fieldTypes(y.Params)
	default:
		return Typed{}, false
	}
	mode := Typed{Type: text(t), Func: true}
	for _, p := range params {
		mode.Params = append(mode.Params, text(p))
	}
	return mode, len(params) <= 2
}

// rangeOverFunc rewrites
//
//	for k, v := range X { body }
//
// as
//
//	{ var ret bool; (X)(func(k K, v V) bool { body'; return true }); if ret { return } }
//
// where body' has break as "return false", continue as "return true", and a
// return of the enclosing func as setting its results and ret, then
// "return false"; after the call, the func returns if ret is set.
func (c *compiler) rangeOverFunc(n *ast.RangeStmt, params []string, rewritten map[*ast.RangeStmt]bool, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	at := off(n.For)
	vars := []ast.Expr{n.Key, n.Value}
	if n.Value != nil && len(params) < 2 || n.Key != nil && len(params) < 1 {
		c.fail(at, fmt.Sprintf("range over %s permits only %d iteration variables", c.src[off(n.X.Pos()):off(n.X.End())], len(params)))
		return
	}
	if n.Tok == token.DEFINE {
		for _, v := range vars {
			if _, ok := v.(*ast.Ident); v != nil && !ok {
				c.fail(off(v.Pos()), "non-name "+c.src[off(v.Pos()):off(v.End())]+" on left side of :=")
				return
			}
		}
	}
	fnPos, ftype := enclosingFunc(n, parent)
	fid := max(off(fnPos), 0) // the statements' wrapper starts before the cell
	ret := fmt.Sprintf("%sret%d", helperPrefix, fid)
	results, named := c.results(ftype, off)
	temp := func(i int) string { return fmt.Sprintf("%sr%d_%d", helperPrefix, fid, i) }

	// Is n inside the body of another rewritten loop of the same func?
	nested := false
	for p := parent[n]; p != nil; p = parent[p] {
		if _, isLit := p.(*ast.FuncLit); isLit {
			break
		}
		if r, ok := p.(*ast.RangeStmt); ok && rewritten[r] {
			nested = true
			break
		}
	}

	var head strings.Builder
	head.WriteString("{ ")
	if !nested {
		fmt.Fprintf(&head, "var %s bool; ", ret)
		if !named {
			for i, t := range results {
				fmt.Fprintf(&head, "var %s %s; ", temp(i), t)
			}
		}
	}
	head.WriteString("(" + newlines(c.src[at:off(n.X.Pos())]))
	c.edits = append(c.edits, edit{at, off(n.X.Pos()), head.String()})
	if l, ok := parent[n].(*ast.LabeledStmt); ok {
		// Branches to the label become returns; an unused label is an error.
		c.edits = append(c.edits, edit{off(l.Label.Pos()), off(l.Colon) + 1, ""})
	}

	var sig, bind []string
	var lhs, rhs []string
	for i, t := range params {
		name := "_"
		if i < 2 && vars[i] != nil {
			if n.Tok == token.DEFINE {
				name = vars[i].(*ast.Ident).Name
			} else {
				name = fmt.Sprintf("%sv%d_%d", helperPrefix, at, i)
				lhs = append(lhs, c.src[off(vars[i].Pos()):off(vars[i].End())])
				rhs = append(rhs, name)
			}
		}
		sig = append(sig, name+" "+t)
	}
	if len(lhs) > 0 {
		bind = append(bind, strings.Join(lhs, ", ")+" = "+strings.Join(rhs, ", ")+";")
	}
	c.edits = append(c.edits, edit{off(n.X.End()), off(n.Body.Lbrace) + 1,
		")(func(" + strings.Join(sig, ", ") + ") bool { " + strings.Join(bind, " ") + newlines(c.src[off(n.X.End()):off(n.Body.Lbrace)])})

	var after string
	switch {
	case nested:
		after = "if " + ret + " { return false }"
	case named || len(results) == 0:
		after = "if " + ret + " { return }"
	default:
		var ts []string
		for i := range results {
			ts = append(ts, temp(i))
		}
		after = "if " + ret + " { return " + strings.Join(ts, ", ") + " }"
	}
	c.edits = append(c.edits, edit{off(n.Body.Rbrace), off(n.Body.Rbrace) + 1, "; return true }); " + after + " }"})

	// The body's branches and returns.
	label := ""
	if l, ok := parent[n].(*ast.LabeledStmt); ok {
		label = l.Label.Name
	}
	ast.Inspect(n.Body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if innermost(x, parent, rewritten) == n {
				c.fail(off(x.Pos()), "defer in the body of a range over a func is not supported here: it would run when the iteration ends")
			}
		case *ast.BranchStmt:
			c.branch(x, n, label, parent, rewritten, off)
		case *ast.ReturnStmt:
			if innermost(x, parent, rewritten) != n {
				break
			}
			set := ret + " = true; return false }"
			switch {
			case len(x.Results) == 0:
				c.edits = append(c.edits, edit{off(x.Pos()), off(x.End()), "{ " + set})
			case named:
				c.edits = append(c.edits, edit{off(x.Pos()), off(x.Pos()) + len("return"), "{ " + strings.Join(c.resultNames(ftype), ", ") + " ="},
					edit{off(x.End()), off(x.End()), "; " + set})
			default:
				var ts []string
				for i := range results {
					ts = append(ts, temp(i))
				}
				c.edits = append(c.edits, edit{off(x.Pos()), off(x.Pos()) + len("return"), "{ " + strings.Join(ts, ", ") + " ="},
					edit{off(x.End()), off(x.End()), "; " + set})
			}
		}
		return true
	})
}

// branch rewrites a break or continue that leaves the loop n (whose label,
// if any, is label) as a return from the yield func.
func (c *compiler) branch(b *ast.BranchStmt, n *ast.RangeStmt, label string, parent map[ast.Node]ast.Node, rewritten map[*ast.RangeStmt]bool, off func(token.Pos) int) {
	if b.Tok == token.GOTO {
		if innermost(b, parent, rewritten) == n {
			c.fail(off(b.Pos()), "goto in the body of a range over a func is not supported")
		}
		return
	}
	if b.Tok != token.BREAK && b.Tok != token.CONTINUE {
		return
	}
	// Find the statement b leaves, walking out from b.
	var target ast.Node
	for p := parent[b]; p != nil; p = parent[p] {
		if b.Label != nil {
			if l, ok := p.(*ast.LabeledStmt); ok && l.Label.Name == b.Label.Name {
				target = l.Stmt
				break
			}
			if p == n {
				// The label is outside n's body.
				if b.Label.Name == label {
					target = n
				} else {
					c.fail(off(b.Pos()), fmt.Sprintf("%s %s out of a range over a func is not supported", b.Tok, b.Label.Name))
					return
				}
				break
			}
			continue
		}
		switch p.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			target = p
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if b.Tok == token.BREAK {
				target = p
			}
		}
		if target != nil {
			break
		}
	}
	if target != n {
		return
	}
	repl := "return false"
	if b.Tok == token.CONTINUE {
		repl = "return true"
	}
	c.edits = append(c.edits, edit{off(b.Pos()), off(b.End()), repl})
}

// innermost returns the rewritten range statement whose body holds x
// directly (not through a func literal), or nil.
func innermost(x ast.Node, parent map[ast.Node]ast.Node, rewritten map[*ast.RangeStmt]bool) *ast.RangeStmt {
	for p := parent[x]; p != nil; p = parent[p] {
		switch p := p.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.RangeStmt:
			if rewritten[p] {
				return p
			}
		}
	}
	return nil
}

// enclosingFunc returns the position and type of the func n is in.
func enclosingFunc(n ast.Node, parent map[ast.Node]ast.Node) (token.Pos, *ast.FuncType) {
	for p := parent[n]; p != nil; p = parent[p] {
		switch p := p.(type) {
		case *ast.FuncLit:
			return p.Pos(), p.Type
		case *ast.FuncDecl:
			return p.Pos(), p.Type
		}
	}
	return n.Pos(), &ast.FuncType{}
}

// results returns the source of each result type of ft (renamed types
// pointed at their current versions), and whether the results are named
// (and so can be set and returned bare).
func (c *compiler) results(ft *ast.FuncType, off func(token.Pos) int) (types []string, named bool) {
	if ft.Results == nil {
		return nil, false
	}
	named = true
	for _, f := range ft.Results.List {
		t := c.typeText(f.Type, off)
		if len(f.Names) == 0 {
			named = false
			types = append(types, t)
		}
		for _, name := range f.Names {
			if name.Name == "_" {
				named = false
			}
			types = append(types, t)
		}
	}
	return types, named
}

func (c *compiler) resultNames(ft *ast.FuncType) []string {
	var names []string
	for _, f := range ft.Results.List {
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
	}
	return names
}

// typeText returns the source of a type expression on one line, with the
// names of redefined types replaced by their current versions.
func (c *compiler) typeText(e ast.Expr, off func(token.Pos) int) string {
	start := off(e.Pos())
	var b strings.Builder
	last := start
	ast.Inspect(e, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.SelectorExpr:
			return false // a package's type
		case *ast.Ident:
			if r := c.env.Rename(x.Name); r != x.Name {
				b.WriteString(c.src[last:off(x.Pos())])
				b.WriteString(r)
				last = off(x.End())
			}
		}
		return true
	})
	b.WriteString(c.src[last:off(e.End())])
	return strings.Join(strings.Fields(b.String()), " ")
}

// typeSelectors adds the packages named in type source text to the
// candidates for automatic import.
func (c *compiler) typeSelectors(types []string) {
	for _, t := range types {
		e, err := parser.ParseExpr(t)
		if err != nil {
			continue
		}
		ast.Inspect(e, func(x ast.Node) bool {
			if s, ok := x.(*ast.SelectorExpr); ok {
				if id, ok := s.X.(*ast.Ident); ok {
					c.selectors[id.Name] = true
				}
			}
			return true
		})
	}
}

// parents maps each node under root to its parent.
func parents(root ast.Node) map[ast.Node]ast.Node {
	m := map[ast.Node]ast.Node{}
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if len(stack) > 0 {
			m[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		return true
	})
	return m
}

// fail records the first error found while rewriting, at a cell offset.
func (c *compiler) fail(at int, msg string) {
	if c.err == nil {
		line, col := position(c.src, at)
		c.err = &Error{Line: line, Col: col, Msg: msg}
	}
}

// rangeOverChans rewrites a range over a slice, array or map of channels
// with a value variable to a range over its keys:
//
//	for k, ch := range chans {  ->  for k := range chans { ch := chans[k];
//
// yaegi takes the value variable for the range's operand, and a channel
// there for a range over that channel ("reflect: call of reflect.Value.Len
// on int Value" at run time). The operand's type must be written (a
// parameter, a var, a define of a typed composite literal, a field or an
// element of one), known from a probe, or an earlier cell's; an operand
// that is not a variable must have no calls (it is evaluated again for
// each element). It reports whether it rewrote n.
func (c *compiler) rangeOverChans(n *ast.RangeStmt, mode Typed, off func(token.Pos) int) bool {
	x, ok := n.X.(*ast.Ident)
	v, okV := n.Value.(*ast.Ident)
	k, okK := n.Key.(*ast.Ident)
	if !okV || !okK || v.Name == "_" || n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
		return false
	}
	if !ok && hasCall(n.X) {
		return false // the operand is evaluated again for each element
	}
	var t ast.Expr
	if ok {
		t = writtenOperandType(x)
	}
	if t == nil {
		// As the source spells it otherwise: a field, an element
		// (b.subs[topic], in a generic body too).
		if w, err := parser.ParseExpr(c.writtenType(n.X, nil, nil, off)); err == nil {
			t = w
		}
	}
	if t == nil && mode.Type != "" {
		if w, err := parser.ParseExpr(mode.Type); err == nil {
			t = w
		}
	}
	if t == nil && ok && x.Obj == nil && !c.localDefs[x.Name] && c.env.HoldsChans(x.Name) {
		t = &ast.ArrayType{Elt: &ast.ChanType{Dir: ast.RECV}} // an earlier cell's
	}
	var elem ast.Expr
	switch t := t.(type) {
	case *ast.Ellipsis:
		elem = t.Elt
	case *ast.ArrayType:
		elem = t.Elt
	case *ast.MapType:
		elem = t.Value
	}
	if ch, ok := elem.(*ast.ChanType); !ok || ch.Dir&ast.RECV == 0 {
		return false
	}
	key := k.Name
	bind := " " + v.Name + " := "
	if n.Tok == token.ASSIGN {
		// The key too is assigned from a key of the loop's own (yaegi
		// does not assign a range's variables: see rangeAssign).
		bind = " " + v.Name + " = "
		if key != "_" {
			bind = " " + key + " = " + helperPrefix + "k;" + bind
		}
		key = "_"
		c.edits = append(c.edits, edit{off(n.TokPos), off(n.TokPos) + 1, ":="})
	}
	if key == "_" {
		key = helperPrefix + "k"
		c.edits = append(c.edits, edit{off(k.Pos()), off(k.End()), key})
	}
	c.edits = append(c.edits, edit{off(k.End()), off(v.End()), newlines(c.src[off(k.End()):off(v.End())])})
	if ok {
		c.edits = append(c.edits, edit{off(n.Body.Lbrace), off(n.Body.Lbrace) + 1, "{" + bind + x.Name + "[" + key + "];"})
		return true
	}
	// The operand again, with the edits inside it.
	c.copies = append(c.copies, copyEdit{off: off(n.Body.Lbrace) + 1, from: off(n.X.Pos()), to: off(n.X.End()), text: bind, suffix: "[" + key + "];", flat: true})
	return true
}

// writtenOperandType returns the type written for the variable x: in its
// parameter or var declaration, or as the composite literal it is defined
// to.
func writtenOperandType(x *ast.Ident) ast.Expr {
	if t := declaredType(x); t != nil {
		return t
	}
	if x.Obj == nil {
		return nil
	}
	if as, ok := x.Obj.Decl.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Obj == x.Obj {
				if lit, ok := as.Rhs[i].(*ast.CompositeLit); ok {
					return lit.Type
				}
			}
		}
	}
	return nil
}
