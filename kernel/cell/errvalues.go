package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// Helpers for the values of the cells' struct types put into an error.
const (
	// HelperCapturing reports that the evaluator asks an Error method for
	// its receiver, and HelperCapture hands it over (see captureReceivers).
	HelperCapturing = "_fountain_rt.Capturing"
	HelperCapture   = "_fountain_rt.Capture"
	// HelperConcrete returns the value of a cell's type an error (or a
	// fmt.Stringer) holds.
	HelperConcrete = "_fountain_rt.Concrete"
	// HelperTypedNil is a nil pointer to a cell's error type as a non-nil
	// error (see typedNils).
	HelperTypedNil = "_fountain_rt.TypedNil"
	// HelperSameError is == of two errors (see errorEquality).
	HelperSameError = "_fountain_rt.SameError"
)

// yaegi keeps, of a value of a cell's struct type put into an error (or a
// fmt.Stringer), only its last field where compiled code, and its own type
// assertions, can see it (it takes a struct without methods, as reflect
// sees all of the cells' types, for an emulated interface and digs a field
// out), while the Error (String) method still runs on the whole value. So
// err.(NotFound), a type switch's case NotFound, errors.As(err, &nf) and
// errors.Is(err, NotFound{...}) matched nothing when NotFound's Error
// method has a value receiver (with a pointer receiver, the pointer is
// kept), and fmt's %d and %#v printed the last field. captureReceivers
// makes each such method hand its receiver over when the evaluator asks,
// which it does by calling the method (HelperConcrete, the evaluator's
// errors.As and errors.Is, and its fmt); assertions and switch cases of
// such types take their operand through HelperConcrete.

// captureReceivers makes fd, if it is a value-receiver Error or String
// method of a struct type of the cells, start with the hand-over of its
// receiver.
func (c *compiler) captureReceivers(fd *ast.FuncDecl, off func(token.Pos) int) {
	if !isPrintMethod(fd) || fd.Body == nil {
		return
	}
	recv := fd.Recv.List[0]
	id, ok := recv.Type.(*ast.Ident)
	if !ok || !c.isCellStruct(id.Name) {
		return
	}
	name := helperPrefix + "recv"
	switch {
	case len(recv.Names) == 0:
		c.edits = append(c.edits, edit{off(recv.Type.Pos()), off(recv.Type.Pos()), name + " "})
	case recv.Names[0].Name == "_":
		c.edits = append(c.edits, edit{off(recv.Names[0].Pos()), off(recv.Names[0].End()), name})
	default:
		name = recv.Names[0].Name
	}
	at := off(fd.Body.Lbrace) + 1
	c.edits = append(c.edits, edit{at, at, " if " + HelperCapturing + "() { " + HelperCapture + "(" + name + "); return \"\" };"})
}

// isPrintMethod reports whether fd is a method Error() string or String()
// string of a value receiver.
func isPrintMethod(fd *ast.FuncDecl) bool {
	if fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Name.Name != "Error" && fd.Name.Name != "String" || fd.Type.Params.NumFields() != 0 || fd.Type.Results.NumFields() != 1 {
		return false
	}
	_, plain := fd.Recv.List[0].Type.(*ast.Ident)
	return plain
}

// isCellStruct reports whether name is a struct type of the cells, not
// generic.
func (c *compiler) isCellStruct(name string) bool {
	spec := c.cellTypeDecl(name)
	if spec == nil || spec.TypeParams != nil {
		return false
	}
	_, ok := spec.Type.(*ast.StructType)
	return ok
}

// isValuePrinter reports whether t names a struct type of the cells with
// an Error or String method of value receiver. Not an empty struct: there
// is nothing of it to lose, and yaegi panicked asserting a value handed
// over to one ("reflect: Field index out of bounds").
func (c *compiler) isValuePrinter(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	if !ok || !c.isCellStruct(id.Name) {
		return false
	}
	if st := c.cellTypeDecl(id.Name).Type.(*ast.StructType); st.Fields == nil || len(st.Fields.List) == 0 {
		return false
	}
	return slices.ContainsFunc(c.methodsNamed(id.Name, "String", "Error"), isPrintMethod)
}

// concreteAsserts takes the operand of an assertion to such a type through
// HelperConcrete.
func (c *compiler) concreteAsserts(ta *ast.TypeAssertExpr, off func(token.Pos) int) {
	if ta.Type == nil || !c.isValuePrinter(ta.Type) {
		return
	}
	c.edits = append(c.edits, edit{off(ta.X.Pos()), off(ta.X.Pos()), HelperConcrete + "("}, edit{off(ta.X.End()), off(ta.X.End()), ")"})
}

// concreteOperand returns v, the operand of a type switch, as its case t needs it.
func (c *compiler) concreteOperand(v string, t ast.Expr) string {
	if c.isValuePrinter(t) {
		return HelperConcrete + "(" + v + ")"
	}
	return v
}

// typedNils keeps a nil pointer to a cell's error type a non-nil error
// where a func returns it as one, as Go does (the Go FAQ's "Why is my nil
// error value not equal to nil?"): yaegi made it a nil error.
//
//	return p  ->  return func() error { if p == nil { return HelperTypedNil(p) }; return p }()
//
// for a variable p declared as a pointer to such a type.
func (c *compiler) typedNils(ft *ast.FuncType, body *ast.BlockStmt, off func(token.Pos) int) {
	if body == nil || ft.Results == nil {
		return
	}
	results := fieldTypes(ft.Results)
	errAt := -1
	for i, r := range results {
		if c.isErrorType(r) {
			errAt = i
		}
	}
	if errAt < 0 {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its own returns
		case *ast.ReturnStmt:
			if len(n.Results) != len(results) {
				return true
			}
			id, ok := n.Results[errAt].(*ast.Ident)
			if !ok || id.Obj == nil {
				return true
			}
			t := c.spelledType(id, 0)
			star, err := parser.ParseExpr(t)
			if t == "" || err != nil {
				return true
			}
			if s, ok := star.(*ast.StarExpr); !ok || !c.hasErrorMethod(s.X) {
				return true
			}
			at, end := off(id.Pos()), off(id.End())
			c.edits = append(c.edits, edit{at, end, "func() error { if " + id.Name + " == nil { return " + HelperTypedNil + "(" + id.Name + ") }; return " + id.Name + " }()"})
		}
		return true
	})
}

// hasErrorMethod reports whether t names a struct type of the cells with
// an Error method.
func (c *compiler) hasErrorMethod(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	if !ok || !c.isCellStruct(id.Name) {
		return false
	}
	return len(c.methodsNamed(id.Name, "Error")) > 0
}

// errorEquality writes a == b (or !=) where a side is an error, or a value
// of a cell's struct type with an Error method, as HelperSameError(a, b):
// yaegi's errors holding such values are wrappers with funcs in them, and
// comparing two panicked ("comparing uncomparable type interp._error").
func (c *compiler) errorEquality(n *ast.BinaryExpr, off func(token.Pos) int) {
	if n.Op != token.EQL && n.Op != token.NEQ || isNilIdent(n.X) || isNilIdent(n.Y) {
		return
	}
	isError := func(e ast.Expr) bool {
		x := c.operandType(e, off)
		return x != nil && (c.isErrorType(x) || c.hasErrorMethod(x))
	}
	// Or interface values: yaegi compared its wrappers of the values
	// (var a, b any = T("x"), T("x"); a == b was false).
	isIface := func(e ast.Expr) bool {
		x := c.operandType(e, off)
		return x != nil && c.isInterface(x, false)
	}
	if !isError(n.X) && !isError(n.Y) && !(isIface(n.X) && isIface(n.Y)) {
		return
	}
	not := ""
	if n.Op == token.NEQ {
		not = "!"
	}
	c.edits = append(c.edits, edit{off(n.X.Pos()), off(n.X.Pos()), not + HelperSameError + "("},
		edit{off(n.X.End()), off(n.Y.Pos()), ", "}, edit{off(n.Y.End()), off(n.Y.End()), ")"})
}

// operandType returns the type of e as the source spells it, or nil.
func (c *compiler) operandType(e ast.Expr, off func(token.Pos) int) ast.Expr {
	t := c.spelledType(e, 0)
	if t == "" && !hasCall(e) {
		t = c.writtenType(e, nil, nil, off)
	}
	x, err := parser.ParseExpr(versionedRE.ReplaceAllString(t, "$1"))
	if err != nil {
		return nil
	}
	return x
}

// isInterface reports whether t is an interface type: any, an empty
// interface literal or an interface type of the cells (not generic); with
// methods true, also a literal with methods and error.
func (c *compiler) isInterface(t ast.Expr, methods bool) bool {
	switch x := t.(type) {
	case *ast.Ident:
		if x.Name == "any" && !c.userDefined("any") || methods && c.isErrorType(x) {
			return true
		}
		if spec := c.cellTypeDecl(x.Name); spec != nil {
			_, iface := spec.Type.(*ast.InterfaceType)
			return iface && spec.TypeParams == nil
		}
	case *ast.InterfaceType:
		return methods || x.Methods == nil || len(x.Methods.List) == 0
	}
	return false
}

// interfaceSwitches writes a switch on a value of an interface type whose
// cases are values as a switch on conditions, comparing with
// HelperSameError as == between interface values does (see
// errorEquality):
//
//	switch v { case Symbol("quote"), 1:  ->  switch s := v; { case same(s, Symbol("quote")) || same(s, 1):
//
// yaegi panicked on such a switch ("reflect.Value.Convert: value of type
// interface {} cannot be converted to type string"). A switch with an init
// statement is rewritten only if its tag is a name, which each case reads
// again.
func (c *compiler) interfaceSwitches(f *ast.File, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		sw, ok := n.(*ast.SwitchStmt)
		if !ok || sw.Tag == nil {
			return true
		}
		some := false
		for _, cc := range sw.Body.List {
			for _, e := range cc.(*ast.CaseClause).List {
				some = some || !isNilIdent(e)
			}
		}
		t := c.operandType(sw.Tag, off)
		if !some || t == nil || !c.isInterface(t, true) {
			return true
		}
		c.conditionSwitch(sw, off, func(tag string, e ast.Expr) {
			if isNilIdent(e) {
				c.edits = append(c.edits, edit{off(e.Pos()), off(e.Pos()), tag + " == "})
			} else {
				c.edits = append(c.edits, edit{off(e.Pos()), off(e.Pos()), HelperSameError + "(" + tag + ", " + HelperAny + "("},
					edit{off(e.End()), off(e.End()), "))"})
			}
		})
		return true
	})
}

// conditionSwitch writes the switch sw on a tag as a switch on conditions,
// each case's expressions joined with ||, compare writing each as a
// comparison with the tag's value (the variable named tag), and reports
// whether it could: a switch with an init statement only if its tag is a
// name, which each case reads again.
func (c *compiler) conditionSwitch(sw *ast.SwitchStmt, off func(token.Pos) int, compare func(tag string, e ast.Expr)) bool {
	tag := fmt.Sprintf("%ssw%d", helperPrefix, off(sw.Switch))
	if sw.Init == nil {
		c.edits = append(c.edits, edit{off(sw.Tag.Pos()), off(sw.Tag.Pos()), tag + " := "},
			edit{off(sw.Tag.End()), off(sw.Tag.End()), ";"})
	} else if id, ok := sw.Tag.(*ast.Ident); ok {
		tag = id.Name
		c.edits = append(c.edits, edit{off(sw.Tag.Pos()), off(sw.Tag.End()), ""})
	} else {
		return false
	}
	for _, cc := range sw.Body.List {
		list := cc.(*ast.CaseClause).List
		for i, e := range list {
			compare(tag, e)
			if i+1 < len(list) {
				from, to := off(e.End()), off(list[i+1].Pos())
				c.edits = append(c.edits, edit{from, to, " || " + newlines(c.src[from:to])})
			}
		}
	}
	return true
}

// compositeCaseLists writes a switch on a tag with a case of several
// expressions, one of them a composite literal (case Point{1, 0},
// Point{0, 1}:), as a switch on conditions (see conditionSwitch): yaegi
// tested only the first of such a list.
func (c *compiler) compositeCaseLists(f *ast.File, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		sw, ok := n.(*ast.SwitchStmt)
		if !ok || sw.Tag == nil {
			return true
		}
		found := false
		for _, cc := range sw.Body.List {
			list := cc.(*ast.CaseClause).List
			found = found || len(list) > 1 && slices.ContainsFunc(list, func(e ast.Expr) bool {
				_, lit := ast.Unparen(e).(*ast.CompositeLit)
				return lit
			})
		}
		if !found {
			return true
		}
		if t := c.operandType(sw.Tag, off); t != nil && c.isInterface(t, true) {
			return true // interfaceSwitches'
		}
		c.conditionSwitch(sw, off, func(tag string, e ast.Expr) {
			c.edits = append(c.edits, edit{off(e.Pos()), off(e.Pos()), tag + " == ("}, edit{off(e.End()), off(e.End()), ")"})
		})
		return true
	})
}

// interfaceArgs passes values into compiled interfaces where yaegi does not
// wrap them with their methods, so that the call panicked ("cannot use
// *struct {...} as type io.Writer"): an explicit conversion to a compiled
// interface (io.Writer(w), http.Handler(h)) and the variadic arguments of a
// compiled func whose variadic parameter is an interface
// (io.MultiWriter(a, b), errors.Join(e1, e2)). Each becomes a variable of
// the interface type set to the value (an error goes through HelperErr),
// which yaegi gets right:
//
//	io.Writer(w)  ->  func() io.Writer { var v io.Writer = w; return v }()
func (c *compiler) interfaceArgs(n *ast.CallExpr, off func(token.Pos) int) {
	path, fn, ok := c.packageMember(n.Fun)
	if !ok || n.Ellipsis.IsValid() || len(n.Args) == 0 {
		return
	}
	sel := n.Fun.(*ast.SelectorExpr)
	pkg := sel.X.(*ast.Ident)
	wrap := func(a ast.Expr, typ string) {
		if isNilIdent(a) {
			return
		}
		if typ == "error" {
			// As interfaceValues does for error variables.
			c.edits = append(c.edits, edit{off(a.Pos()), off(a.Pos()), HelperErr + "("}, edit{off(a.End()), off(a.End()), ")"})
			return
		}
		v := helperPrefix + "v"
		c.edits = append(c.edits, edit{off(a.Pos()), off(a.Pos()), "func() " + typ + " { var " + v + " " + typ + " = "},
			edit{off(a.End()), off(a.End()), "; return " + v + " }()"})
	}
	if _, iface := c.env.Interface(path, fn); iface {
		if len(n.Args) == 1 {
			wrap(n.Args[0], c.src[off(sel.Pos()):off(sel.End())])
		}
		return
	}
	params, _, variadic, ok := c.env.FuncSig(path, fn)
	if !ok || !variadic || len(params) == 0 {
		return
	}
	elem := strings.TrimPrefix(params[len(params)-1], "[]")
	if elem != "error" {
		ipkg, ityp, qualified := strings.Cut(elem, ".")
		if !qualified || c.importPath(ipkg) == "" || ipkg != pkg.Name && !c.selectors[ipkg] && !c.importsName(ipkg) {
			return // written as the cell cannot write it (its package unused)
		}
		if _, iface := c.env.Interface(c.importPath(ipkg), ityp); !iface {
			return
		}
	}
	for _, a := range n.Args[len(params)-1:] {
		wrap(a, elem)
	}
}

// freshValue writes a variable of a cell's type with methods that goes
// into a compiled interface as a conversion to its own type, T(v) (a
// pointer as a call's result): yaegi's interface value of it reads the
// variable when a method is called, so that v = other afterwards showed
// other through it (errs = append(errs, v), var e error = v); a
// conversion's value is a temporary of its own.
func (c *compiler) freshValue(e ast.Expr, off func(token.Pos) int) {
	id, ok := e.(*ast.Ident)
	if !ok || id.Obj == nil {
		return
	}
	t := c.spelledType(id, 0)
	x, err := parser.ParseExpr(t)
	if t == "" || err != nil {
		return
	}
	base := x
	if star, ok := x.(*ast.StarExpr); ok {
		base = star.X
	}
	name, ok := base.(*ast.Ident)
	if !ok || c.cellTypeDecl(name.Name) == nil || !c.hasMethods(name.Name) {
		return
	}
	if _, iface := c.cellTypeDecl(name.Name).Type.(*ast.InterfaceType); iface {
		return
	}
	typ := c.current(t)
	if base != x {
		// Converting a pointer to its own type is the pointer itself: a
		// call's result is a temporary of its own.
		c.edits = append(c.edits, edit{off(id.Pos()), off(id.Pos()), "func() " + typ + " { return "},
			edit{off(id.End()), off(id.End()), " }()"})
		return
	}
	c.edits = append(c.edits, edit{off(id.Pos()), off(id.Pos()), "(" + typ + ")("},
		edit{off(id.End()), off(id.End()), ")"})
}

// freshElements applies freshValue to the elements (values) of a
// composite literal of a slice, array or map of interfaces
// ([]error{v}, map[string]fmt.Stringer{"a": v}).
func (c *compiler) freshElements(lit *ast.CompositeLit, off func(token.Pos) int) {
	var elem ast.Expr
	switch t := lit.Type.(type) {
	case *ast.ArrayType:
		elem = t.Elt
	case *ast.MapType:
		elem = t.Value
	default:
		return
	}
	if !c.isInterfaceType(elem) {
		return
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			e = kv.Value
		}
		c.freshValue(e, off)
	}
}

// isInterfaceType reports whether t is an interface type: error, any, an
// interface literal, a compiled package's or the cells'.
func (c *compiler) isInterfaceType(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.InterfaceType:
		return true
	case *ast.SelectorExpr:
		return c.compiledInterface(t)
	case *ast.Ident:
		if c.isErrorType(t) || t.Name == "any" && t.Obj == nil && !c.userDefined("any") {
			return true
		}
		if spec := c.cellTypeDecl(t.Name); spec != nil {
			_, iface := spec.Type.(*ast.InterfaceType)
			return iface
		}
	}
	return false
}

// spelledElem returns the element type of e, a slice, array or map whose
// type the source shows (the map's values), or nil.
func (c *compiler) spelledElem(e ast.Expr) ast.Expr {
	x, err := parser.ParseExpr(c.spelledType(e, 0))
	if err != nil {
		return nil
	}
	switch t := x.(type) {
	case *ast.ArrayType:
		return t.Elt
	case *ast.MapType:
		return t.Value
	}
	return nil
}

// interfaceElems reports whether the source shows e is a slice, array or
// map of interfaces.
func (c *compiler) interfaceElems(e ast.Expr) bool {
	elem := c.spelledElem(e)
	return elem != nil && c.isInterfaceType(elem)
}

// concreteSlice reports whether the source shows e is a slice of a type
// that is not an interface (a []Card appended to needs no freshValue: its
// elements are copies).
func (c *compiler) concreteSlice(e ast.Expr) bool {
	elem := c.spelledElem(e)
	return elem != nil && !c.isInterfaceType(elem)
}
