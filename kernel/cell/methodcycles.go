package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// yaegi instantiates a generic type's methods one by one, each compiled
// as it comes: methods that call each other both ways on their receiver
// (even calls n.odd, odd calls n.even) cannot be instantiated, whatever
// their order ("undefined selector"). Generic funcs that call each other
// it instantiates well. So each method of such a cycle becomes a generic
// func of the receiver's type parameters taking the receiver first, and
// the method calls it; in those funcs the calls among the cycle's
// methods on the receiver call the funcs. (A second type parameter that
// nothing uses keeps yaegi from looking a type argument up by its name:
// see twinCall.)
//
//	func _fountain_mc_Num_even[T any, _fountain_X any](n Num[T], k int) bool {
//		... _fountain_mc_Num_odd[T, struct{}](n, k-1) ...
//	}
//	func (n Num[T]) even(_fountain_p0 int) bool { return _fountain_mc_Num_even[T, struct{}](n, _fountain_p0) }

// cycleMethod is a method of a generic type, with what rewriting it
// takes: fset is nil for one of an earlier cell.
type cycleMethod struct {
	decl *ast.FuncDecl
	fset *token.FileSet
	m    genMethod
}

// methodCycles rewrites the methods of the cell's generic types that call
// each other both ways on their receivers (see above).
func (c *compiler) methodCycles() {
	byType := map[string]map[string]cycleMethod{}
	for _, cm := range c.cycleMethods {
		if byType[cm.m.typ] == nil {
			byType[cm.m.typ] = map[string]cycleMethod{}
		}
		byType[cm.m.typ][cm.m.name] = cm
	}
	for typ, methods := range byType {
		// The type's methods of earlier cells count too: a cell that
		// declares one of a cycle again compiles apart from the others
		// (see the evaluator's withCarried), and each must call the
		// others' funcs.
		for _, src := range c.env.Methods(typ) {
			f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
			if err != nil || len(f.Decls) != 1 {
				continue
			}
			d, ok := f.Decls[0].(*ast.FuncDecl)
			if !ok || d.Recv == nil || len(d.Recv.List) != 1 {
				continue
			}
			if m, ok := genericMethod(d); ok && m.typ == typ {
				if _, declared := methods[m.name]; !declared {
					methods[m.name] = cycleMethod{decl: d, m: m}
				}
			}
		}
		inCycle := cyclic(methods)
		if len(inCycle) == 0 {
			continue
		}
		for name := range inCycle {
			if methods[name].fset != nil { // this compile's
				c.cycleFunc(typ, methods[name], methods, inCycle)
			}
		}
	}
}

// cyclic returns the methods that reach themselves through calls of
// others on their receivers.
func cyclic(methods map[string]cycleMethod) map[string]bool {
	out := map[string]bool{}
	for start := range methods {
		seen := map[string]bool{}
		var reach func(n string) bool
		reach = func(n string) bool {
			for _, callee := range methods[n].m.calls {
				if _, ok := methods[callee]; !ok || callee == n {
					continue
				}
				if callee == start {
					return true
				}
				if !seen[callee] {
					seen[callee] = true
					if reach(callee) {
						return true
					}
				}
			}
			return false
		}
		if reach(start) {
			out[start] = true
		}
	}
	return out
}

// cycleFuncName is the generic func that method name of the cells' type
// typ becomes (see above).
func (c *compiler) cycleFuncName(typ, name string) string {
	return fmt.Sprintf("%smc_%s_%s", helperPrefix, c.env.Rename(typ), name)
}

// cycleFunc rewrites the method cm of typ, one of the methods inCycle of
// those the cell declares for it.
func (c *compiler) cycleFunc(typ string, cm cycleMethod, methods map[string]cycleMethod, inCycle map[string]bool) {
	d, fset := cm.decl, cm.fset
	off := func(p token.Pos) int { return offsetIn(fset, p, len("package p;")) }
	field := d.Recv.List[0]
	params := recvParamNames(field.Type)
	if params == nil || d.Body == nil {
		return
	}
	recv := helperPrefix + "r"
	if len(field.Names) == 1 && field.Names[0].Name != "_" {
		recv = field.Names[0].Name
	}
	recvType := c.typeText(field.Type, off)
	fn := c.cycleFuncName(typ, d.Name.Name)
	var anys []string
	for _, p := range params {
		anys = append(anys, p+" any")
	}
	typeArgs := strings.Join(append(append([]string{}, params...), "struct{}"), ", ")

	// The method's declaration becomes the func's: its receiver the first
	// parameter.
	c.edits = append(c.edits, edit{off(d.Recv.Opening), off(d.Name.End()),
		fmt.Sprintf("%s[%s, %sX any]", fn, strings.Join(anys, ", "), helperPrefix)})
	first := recv + " " + recvType
	if d.Type.Params.NumFields() > 0 {
		first += ", "
	}
	c.edits = append(c.edits, edit{off(d.Type.Params.Opening) + 1, off(d.Type.Params.Opening) + 1, first})

	// The calls of the cycle's methods on the receiver call their funcs.
	isRecv := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Obj != nil && id.Obj.Decl == field
	}
	_, ptr := field.Type.(*ast.StarExpr)
	ast.Inspect(d.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !isRecv(sel.X) || !inCycle[sel.Sel.Name] {
			return true
		}
		_, calleePtr := methods[sel.Sel.Name].decl.Recv.List[0].Type.(*ast.StarExpr)
		arg := sel.X.(*ast.Ident).Name
		switch {
		case ptr && !calleePtr:
			arg = "*" + arg
		case !ptr && calleePtr:
			arg = "&" + arg
		}
		if len(call.Args) > 0 {
			arg += ", "
		}
		c.edits = append(c.edits, edit{off(call.Fun.Pos()), off(call.Lparen) + 1, fmt.Sprintf("%s[%s](%s", c.cycleFuncName(typ, sel.Sel.Name), typeArgs, arg)})
		return true
	})

	// The method, after the func on its last line, calls it.
	var decls, args []string
	for i, t := range fieldTypes(d.Type.Params) {
		name, dots := fmt.Sprintf("%sp%d", helperPrefix, i), ""
		if e, ok := t.(*ast.Ellipsis); ok {
			t, dots = e.Elt, "..."
		}
		decls = append(decls, name+" "+dots+c.typeText(t, off))
		args = append(args, name+dots)
	}
	var rs []string
	for _, r := range fieldTypes(d.Type.Results) {
		rs = append(rs, c.typeText(r, off))
	}
	results := ""
	if len(rs) > 0 {
		results = " (" + strings.Join(rs, ", ") + ")"
	}
	body := fmt.Sprintf("%s[%s](%s)", fn, typeArgs, strings.Join(append([]string{recv}, args...), ", "))
	if d.Type.Results.NumFields() > 0 {
		body = "return " + body
	}
	c.edits = append(c.edits, edit{off(d.End()), off(d.End()),
		fmt.Sprintf("; func (%s %s) %s(%s)%s { %s }", recv, recvType, d.Name.Name, strings.Join(decls, ", "), results, body)})
}

// recvParamNames returns the names a generic type's method gives its
// type parameters in its receiver (s *Stack[T]: T), or nil if one is
// blank or the receiver is no instance.
func recvParamNames(t ast.Expr) []string {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	_, idx := instance(t)
	var out []string
	for _, e := range idx {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			return nil
		}
		out = append(out, id.Name)
	}
	return out
}
