package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// yaegi runs a deferred call with what its operands hold when it runs, not
// when the defer statement ran: the receiver is read again from its
// variable, and arguments are the variables' own storage. In a loop,
// "f := open(name); defer f.Close()" closed the last f once per iteration,
// "defer fmt.Println(i * 2)" printed the last value, and a deferred func
// literal saw the last iteration's variables; "defer rec(x); x = 2" passed
// 2. bindDefers gives such defers Go's semantics: the call is made by a
// closure that a helper func literal, called at the defer statement, makes
// in a frame of its own. The helper evaluates the arguments there and takes
// the address of the loop's variables the call uses, which the closure then
// reads through (each iteration's variables are storage of their own, in Go
// and in yaegi). The closure is deferred as a func value, which yaegi
// evaluates at the defer statement.
//
// The closure must not be made in the deferring func's own frame: yaegi
// holds that frame's lock while deferred calls run, and a closure made in a
// frame takes its lock when it returns (see bindClosures).
//
// A defer among a cell's own statements (outside funcs) is the cell's:
// yaegi would run it when the statement's chunk ends and again after every
// later chunk and cell (its top-level frame keeps its deferred calls). The
// closure is handed to HelperAtEnd instead, and the evaluator runs it when
// the cell ends, after its value is taken, as Go runs a func's defers after
// its results.

// bindDefers rewrites the defer statements of every func in f that need
// it, and the func literals such a func keeps in variables (bindClosures).
// With stmts, f is the wrapper of a cell's statements, whose own defers are
// the cell's.
func (c *compiler) bindDefers(f *ast.File, stmts bool, off func(token.Pos) int) {
	n := 0
	var visit func(body *ast.BlockStmt, cell bool)
	visit = func(body *ast.BlockStmt, cell bool) {
		var stack []ast.Node
		var kept []keptLit // func literals set to variables
		defers := false
		ast.Inspect(body, func(x ast.Node) bool {
			if x == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			var loops []ast.Node
			for _, s := range stack {
				switch s.(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					loops = append(loops, s)
				}
			}
			switch x := x.(type) {
			case *ast.FuncLit:
				visit(x.Body, false)
				return false
			case *ast.DeferStmt:
				defers = true
				if c.bindDefer(x, body, loops, n, cell, off) {
					n++
				}
			case *ast.AssignStmt:
				for _, lit := range funcLits(x.Rhs) {
					kept = append(kept, keptLit{lit, loops})
				}
			case *ast.ValueSpec:
				for _, lit := range funcLits(x.Values) {
					kept = append(kept, keptLit{lit, loops})
				}
			}
			stack = append(stack, x)
			return true
		})
		if defers && !cell {
			c.bindClosures(kept, off)
		}
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			visit(fd.Body, stmts)
		}
	}
}

// bindDefer rewrites one defer statement of body, inside loops (outermost
// first), if it needs it, or if it is the cell's own (atEnd); n numbers
// its helper names. It reports whether it rewrote d.
func (c *compiler) bindDefer(d *ast.DeferStmt, body *ast.BlockStmt, loops []ast.Node, n int, atEnd bool, off func(token.Pos) int) bool {
	call := d.Call
	fun := ast.Unparen(call.Fun)
	if id, ok := fun.(*ast.Ident); ok && id.Obj == nil && universe[id.Name] && !c.userDefined(id.Name) && !atEnd {
		return false // yaegi evaluates a builtin's operands at the defer
	}
	if c.recovers(fun) && !atEnd {
		// recover works only in the func yaegi's defer calls itself. (The
		// cell's own: the evaluator hands the cell's panic to it.)
		return false
	}
	// Arguments are evaluated at the defer statement, by value: those
	// that are not constants are evaluated by the helper. Outside loops,
	// only where a variable they read is assigned later.
	var hoist []ast.Expr
	for _, a := range call.Args {
		if !constantLike(a) {
			hoist = append(hoist, a)
		}
	}
	inLoop := len(loops) > 0
	if id, ok := fun.(*ast.Ident); ok && !inLoop && id.Obj != nil && id.Obj.Kind == ast.Var {
		// A func value, evaluated at the defer too.
		hoist = append(hoist, fun)
	}
	// A receiver made by a call (defer open(name).Close()) is made at the
	// defer, by value.
	var operand ast.Node = fun
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		operand = sel.X
		if hasCall(sel.X) {
			hoist = append(hoist, sel.X)
			operand = nil
		}
	}
	if !inLoop && !atEnd {
		changed := false
		for _, a := range hoist {
			for _, obj := range localVars(a) {
				changed = changed || reassigned(body, obj)
			}
		}
		if !changed {
			return false
		}
	}
	name := fmt.Sprintf("%sdefer%d", helperPrefix, n)
	// The loop's variables the receiver, func value or func literal use
	// are read through their addresses.
	captures := ""
	if inLoop && operand != nil {
		captures = c.captureLoopVars(operand, loops[0].Pos(), d.Pos(), name, off)
	}
	if len(hoist) == 0 && captures == "" && !atEnd {
		return false
	}
	binds := "{ " + name + " := func() func() { " + captures
	c.edits = append(c.edits, edit{off(d.Pos()), off(d.Pos()), binds})
	for i, a := range hoist {
		v := fmt.Sprintf("%s_a%d", name, i)
		from, to := off(a.Pos()), off(a.End())
		c.copies = append(c.copies, copyEdit{off: off(d.Pos()), from: from, to: to, text: v + " := ", suffix: "; ", flat: true, replaced: true})
		// First among the edits at from, so that it hides those inside the
		// argument (they are made in the copy).
		c.edits = append([]edit{{from, to, v + newlines(c.src[from:to])}}, c.edits...)
	}
	tail := " } }(); defer " + name + "() }"
	if atEnd {
		tail = " } }(); " + HelperAtEnd + "(" + name + ") }"
	}
	c.edits = append(c.edits,
		edit{off(d.Pos()), off(call.Pos()), "return func() { " + newlines(c.src[off(d.Pos()):off(call.Pos())])},
		edit{off(call.End()), off(call.End()), tail})
	return true
}

// keptLit is a func literal set to a variable, in its loops (outermost
// first), if any.
type keptLit struct {
	lit   *ast.FuncLit
	loops []ast.Node
}

// bindClosures makes the func literals a func with defers keeps in
// variables in a frame of their own: a closure made in the func's frame
// takes that frame's lock when it returns, which yaegi holds while the
// func's deferred calls run, so "cleanup := func() { ... }; defer
// cleanup()" hung. Made by a helper func literal called on the spot, the
// closure reads the func's variables through the helper's frame, by
// reference as in Go; those of the loops it is made in through pointers
// the helper takes (see captureLoopVars), which keep each iteration's.
func (c *compiler) bindClosures(kept []keptLit, off func(token.Pos) int) {
	for i, k := range kept {
		captures := ""
		if len(k.loops) > 0 {
			captures = c.captureLoopVars(k.lit.Body, k.loops[0].Pos(), k.lit.Pos(), fmt.Sprintf("%sclosure%d", helperPrefix, i), off)
		}
		at := off(k.lit.Pos())
		c.copies = append(c.copies, copyEdit{off: at, from: at, to: off(k.lit.Type.End()), text: "func() ", suffix: " { " + captures + "return ", flat: true})
		c.edits = append(c.edits, edit{off(k.lit.End()), off(k.lit.End()), " }()"})
	}
}

// funcLits returns the func literals among values.
func funcLits(values []ast.Expr) []*ast.FuncLit {
	var lits []*ast.FuncLit
	for _, v := range values {
		if lit, ok := ast.Unparen(v).(*ast.FuncLit); ok {
			lits = append(lits, lit)
		}
	}
	return lits
}

// captureLoopVars makes n read the variables it uses that are declared in
// a loop (from its start on, before the statement at before) through
// pointers, and returns the statements that bind those pointers (names
// after name): each iteration's variables are storage of their own, which
// the pointers keep.
func (c *compiler) captureLoopVars(n ast.Node, from, before token.Pos, name string, off func(token.Pos) int) string {
	var captured []*ast.Object
	var uses []*ast.Ident
	seen := map[*ast.Object]bool{}
	ast.Inspect(n, func(x ast.Node) bool {
		id, ok := x.(*ast.Ident)
		if !ok || id.Obj == nil || id.Obj.Kind != ast.Var {
			return true
		}
		if decl := declPos(id.Obj); decl < from || decl >= before { // outside the loop, or n's own
			return true
		}
		if !seen[id.Obj] {
			seen[id.Obj] = true
			captured = append(captured, id.Obj)
		}
		uses = append(uses, id)
		return true
	})
	var binds strings.Builder
	ptr := map[*ast.Object]string{}
	for i, obj := range captured {
		p := fmt.Sprintf("%s_p%d", name, i)
		ptr[obj] = p
		for _, u := range uses {
			if u.Obj == obj {
				fmt.Fprintf(&binds, "%s := &%s; ", p, c.rendered(u, off))
				break
			}
		}
	}
	for _, u := range uses {
		c.replaceIdent(u, "(*"+ptr[u.Obj]+")", off)
	}
	return binds.String()
}

// rendered returns an identifier as the cell's rewrites spell it (a loop
// variable's per-iteration copy).
func (c *compiler) rendered(id *ast.Ident, off func(token.Pos) int) string {
	for _, e := range c.edits {
		if e.off == off(id.Pos()) && e.end == off(id.End()) {
			return e.text
		}
	}
	return id.Name
}

// replaceIdent rewrites id as text, in place of an earlier rename of it.
func (c *compiler) replaceIdent(id *ast.Ident, text string, off func(token.Pos) int) {
	for i, e := range c.edits {
		if e.off == off(id.Pos()) && e.end == off(id.End()) {
			c.edits[i].text = text
			return
		}
	}
	c.edits = append(c.edits, edit{off(id.Pos()), off(id.End()), text})
}

// recovers reports whether the deferred func calls recover itself: a func
// literal, or a func or method the cells declare.
func (c *compiler) recovers(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.FuncLit:
		return callsRecover(f.Body)
	case *ast.Ident:
		return strings.Contains(c.declSource(f.Name), "recover()")
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok && id.Obj == nil && strings.Contains(c.declSource(id.Name+"."+f.Sel.Name), "recover()") {
			return true
		}
		// A method of this cell's types (an earlier cell's would need the
		// receiver's type).
		for key, src := range c.sources {
			if strings.HasSuffix(key, "."+f.Sel.Name) && strings.Contains(src, "recover()") {
				return true
			}
		}
	}
	return false
}

// callsRecover reports whether body calls recover outside nested func literals.
func callsRecover(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "recover" && id.Obj == nil {
				found = true
			}
		}
		return !found
	})
	return found
}

// constantLike reports an argument that reads no local variable and calls
// nothing: a constant, or a package's or an earlier cell's name, which
// keeps its untyped constant's type from the call when left in place.
func constantLike(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return e.Obj == nil || e.Obj.Kind == ast.Con
	case *ast.SelectorExpr:
		id, ok := e.X.(*ast.Ident)
		return ok && id.Obj == nil
	case *ast.ParenExpr:
		return constantLike(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.AND && e.Op != token.ARROW && constantLike(e.X)
	case *ast.BinaryExpr:
		return constantLike(e.X) && constantLike(e.Y)
	}
	return false
}

// localVars returns the local variables e reads.
func localVars(e ast.Expr) []*ast.Object {
	var objs []*ast.Object
	ast.Inspect(e, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && id.Obj != nil && id.Obj.Kind == ast.Var {
			objs = append(objs, id.Obj)
		}
		return true
	})
	return objs
}

// reassigned reports whether body assigns to the variable obj after
// declaring it (=, op=, ++, a redeclaring :=, or its address taken).
func reassigned(body *ast.BlockStmt, obj *ast.Object) bool {
	return assigns(body, func(id *ast.Ident) bool { return id.Obj == obj }, func(a *ast.AssignStmt) bool { return obj.Decl != a })
}

// declPos returns where a variable is declared.
func declPos(obj *ast.Object) token.Pos {
	if n, ok := obj.Decl.(ast.Node); ok {
		return n.Pos()
	}
	return token.NoPos
}
