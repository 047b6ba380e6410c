package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// yaegi puts a value of a cell's type into an interface of compiled code
// (error, fmt.Stringer, io.Writer) as a wrapper whose methods read the
// value, when called, from the frame slot of the expression or variable it
// came from. A loop body runs in one frame, so everything it stored that
// way became the last iteration's value: after
//
//	for _, f := range fields { errs = append(errs, &FieldError{f}) }
//
// every error said the last field. freshIterations runs the body of a loop
// that makes values of the cells' types with methods in a func literal
// called each iteration, as
//
//	for ... { if func() bool { body; return false }() { break } }
//
// so each iteration has a frame of its own, which nothing reuses. A
// continue of the loop becomes "return false", a break "return true".
// Loops whose bodies return, defer, goto or branch to a label keep their
// one frame (the rewrite would change what those mean).

// freshIterations rewrites the loops of f that need it; skip holds loops
// other rewrites turn into func literals already (range over a func).
func (c *compiler) freshIterations(f *ast.File, skip map[ast.Node]bool, off func(token.Pos) int) (fresh map[ast.Node]bool) {
	fresh = map[ast.Node]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch n := n.(type) {
		case *ast.ForStmt:
			body = n.Body
		case *ast.RangeStmt:
			body = n.Body
		default:
			return true
		}
		if skip[n] || !c.makesMethodValues(body) && !startsGoroutines(body) {
			return true
		}
		branches, ok := loopBranches(body)
		if !ok {
			return true
		}
		for _, b := range branches {
			ret := "return false"
			if b.Tok == token.BREAK {
				ret = "return true"
			}
			c.edits = append(c.edits, edit{off(b.Pos()), off(b.End()), ret})
		}
		open, end := off(body.Lbrace)+1, off(body.Rbrace)
		c.edits = append(c.edits, edit{open, open, "if func() bool { "}, edit{end, end, "; return false }() { break } "})
		fresh[n] = true
		return true
	})
	return fresh
}

// yaegi keeps the func value a func literal makes in a slot of the frame
// that runs it, and when a call of that value returns it puts back in the
// slot what was there before the value was made. In a loop that frame is
// the loop's: a call returning on another goroutine (a worker running the
// tasks the loop hands out) could put back an earlier iteration's value
// between the literal and its use, and the loop handed out that one
// again: a task ran twice, another never. loopClosures makes such a
// literal in a func of its own, called at once,
//
//	jobs <- Task{func() int { return i }}
//	    ->  jobs <- Task{func() func() int { return func() int { return i } }()}
//
// whose frame nothing else uses. (What it captures it reads as before:
// the outer literal is made from the loop's frame as the inner one was.)
// The same goes for the literal a go statement runs, in a loop that
// cannot have a frame per iteration (it returns, defers or branches to a
// label, see freshIterations): the goroutine ran an earlier iteration's
// literal now and then (see recoverGo). Not in loops with a frame per
// iteration already (fresh, skip), nor a literal called where it is made.
func (c *compiler) loopClosures(f *ast.File, parent map[ast.Node]ast.Node, fresh, skip map[ast.Node]bool, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		if call, ok := parent[lit].(*ast.CallExpr); ok && call.Fun == lit {
			return true // called at once (or by a go statement, see recoverGo)
		}
		if inSharedLoop(lit, parent, fresh, skip) {
			c.madeApart(lit, " }()", off)
		}
		return true
	})
}

// madeApart writes the func literal lit as made in a func of its own,
// func() T { return lit + closing: the opening wraps what other rewrites
// open at lit, the closing comes first among what they close after it.
func (c *compiler) madeApart(lit *ast.FuncLit, closing string, off func(token.Pos) int) {
	c.copies = append(c.copies, copyEdit{off: off(lit.Pos()), from: off(lit.Type.Pos()), to: off(lit.Type.End()), text: "func() ", suffix: " { return ", flat: true, ofType: true})
	c.edits = append([]edit{{off(lit.End()), off(lit.End()), closing}}, c.edits...)
}

// inSharedLoop reports whether n is in the body of a loop of its func
// whose iterations share one frame (not fresh or skip).
func inSharedLoop(n ast.Node, parent map[ast.Node]ast.Node, fresh, skip map[ast.Node]bool) bool {
	child := n
	for p := parent[n]; p != nil; child, p = p, parent[p] {
		var body *ast.BlockStmt
		switch p := p.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false // made once per call of its func
		case *ast.ForStmt:
			body = p.Body
		case *ast.RangeStmt:
			body = p.Body
		default:
			continue
		}
		if child == body {
			return !fresh[p] && !skip[p]
		}
	}
	return false
}

// startsGoroutines reports whether body itself (not a nested loop or func
// literal) has a go statement. yaegi makes the goroutines of one loop
// frame share it with the loop: the func literals they run and the loop's
// variables they capture were now and then another iteration's (wrong
// values, or a nil func, "call of nil function", that ended the process).
// With a frame per iteration each goroutine has its own.
func startsGoroutines(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.GoStmt:
			found = true
		}
		return !found
	})
	return found
}

// makesMethodValues reports whether body itself (not a nested loop or func
// literal) has a composite literal of a type the cells declare methods on,
// other than one appended to a slice of its own type (the common case, which
// a frame per iteration would slow down for nothing).
func (c *compiler) makesMethodValues(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "append" && id.Obj == nil && len(n.Args) > 1 {
				elem := c.sliceElem(n.Args[0])
				for _, a := range n.Args[1:] {
					if elem != "" && elem == literalType(a) {
						continue
					}
					ast.Inspect(a, func(x ast.Node) bool { found = found || c.methodValue(x); return !found })
				}
				return false
			}
		}
		found = found || c.methodValue(n)
		return !found
	})
	return found
}

// methodValue reports a composite literal of a type with methods.
func (c *compiler) methodValue(n ast.Node) bool {
	lit, ok := n.(*ast.CompositeLit)
	return ok && lit.Type != nil && c.hasMethods(recvName(lit.Type))
}

// literalType returns the type, as source, of a composite literal or the
// address of one ("T", "*T"), or "".
func literalType(e ast.Expr) string {
	ptr := ""
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		ptr, e = "*", u.X
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		if id, ok := lit.Type.(*ast.Ident); ok {
			return ptr + id.Name
		}
	}
	return ""
}

// sliceElem returns the element type, as source, of a slice variable
// declared with it written ("var ps []T", "ps := []T{}", "make([]T, n)")
// in the func or by the cell, or "".
func (c *compiler) sliceElem(e ast.Expr) string {
	id, ok := e.(*ast.Ident)
	if !ok {
		return ""
	}
	decl := any(nil)
	switch {
	case id.Obj != nil && id.Obj.Kind == ast.Var:
		decl = id.Obj.Decl
	case id.Obj == nil && c.localDefs[id.Name]:
		// A var of the cell's, declared in a unit of its own.
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+c.sources[id.Name], 0)
		if err != nil {
			return ""
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok && slices.ContainsFunc(vs.Names, func(n *ast.Ident) bool { return n.Name == id.Name }) {
				decl = vs
			}
			return decl == nil
		})
	}
	var typ ast.Expr
	switch d := decl.(type) {
	case *ast.ValueSpec:
		typ = d.Type
		if typ == nil && len(d.Values) == len(d.Names) {
			for i, n := range d.Names {
				if n.Name == id.Name {
					typ = valueType(d.Values[i])
				}
			}
		}
	case *ast.AssignStmt:
		if len(d.Lhs) == len(d.Rhs) {
			for i, l := range d.Lhs {
				if l, ok := l.(*ast.Ident); ok && l.Name == id.Name {
					typ = valueType(d.Rhs[i])
				}
			}
		}
	}
	arr, ok := typ.(*ast.ArrayType)
	if !ok || arr.Len != nil {
		return ""
	}
	switch el := arr.Elt.(type) {
	case *ast.Ident:
		return el.Name
	case *ast.StarExpr:
		if id, ok := el.X.(*ast.Ident); ok {
			return "*" + id.Name
		}
	}
	return ""
}

// valueType returns the type a composite literal or make call spells.
func valueType(e ast.Expr) ast.Expr {
	switch v := e.(type) {
	case *ast.CompositeLit:
		return v.Type
	case *ast.CallExpr:
		if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "make" && len(v.Args) > 0 {
			return v.Args[0]
		}
	}
	return nil
}

// hasMethods reports whether the cells declare methods on the type name.
func (c *compiler) hasMethods(name string) bool {
	if name == "" {
		return false
	}
	for key := range c.sources {
		if strings.HasPrefix(key, name+".") {
			return true
		}
	}
	return !c.localDefs[name] && len(c.env.Methods(name)) > 0
}

// loopBranches returns the break and continue statements of body that
// leave or continue its loop, or false if body has statements the rewrite
// cannot keep: return, defer, goto, fallthrough out of it, or a branch to
// a label.
func loopBranches(body *ast.BlockStmt) ([]*ast.BranchStmt, bool) {
	var branches []*ast.BranchStmt
	ok := true
	// depth counts the statements between body and a branch that a break
	// (breakDepth) or continue (loopDepth) would end instead.
	var walk func(n ast.Node, breakDepth, loopDepth int)
	walk = func(n ast.Node, breakDepth, loopDepth int) {
		ast.Inspect(n, func(x ast.Node) bool {
			if !ok || x == nil || x == n {
				return ok
			}
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
				ok = false
			case *ast.ForStmt, *ast.RangeStmt:
				walk(x, breakDepth+1, loopDepth+1)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(x, breakDepth+1, loopDepth)
				return false
			case *ast.BranchStmt:
				switch {
				case x.Label != nil || x.Tok == token.GOTO:
					ok = false
				case x.Tok == token.BREAK && breakDepth == 0, x.Tok == token.CONTINUE && loopDepth == 0:
					branches = append(branches, x)
				}
			}
			return true
		})
	}
	walk(body, 0, 0)
	return branches, ok
}
