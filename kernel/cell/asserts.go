package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// Helpers of typeAsserts.
const (
	// HelperNotImpl makes the message of a failed assertion to an interface.
	HelperNotImpl = "_fountain_notimpl"
	// HelperError is error as a compiled interface type of its own: yaegi
	// matches no value to "case error" in a type switch, and compiled
	// values to this.
	HelperError = "_fountain_rt.Error"
	// HelperHas reports whether a value has the named methods, as far as
	// the cells' declarations tell: yaegi matches a value of a cell's type
	// to an interface by the shapes of its methods, not their names.
	HelperHas = "_fountain_rt.Has"
	// HelperWrapped reports whether a value is in yaegi's wrapper of a
	// compiled interface (an error holding a value of the cells' type).
	HelperWrapped = "_fountain_rt.Wrapped"
	// HelperNamed reports whether a value is of a type of the cells that
	// yaegi can tell apart from its underlying type: one with methods.
	HelperNamed = "_fountain_rt.Named"
	// HelperOwned reports whether the value an error (or a fmt.Stringer)
	// holds is of the named struct type of the cells (or a pointer to
	// one), and no other type of theirs has its structure.
	HelperOwned = "_fountain_rt.Owned"
	// HelperBare reports whether a value is a struct (or a pointer to
	// one) of the cells' type as compiled code hands it back: without
	// yaegi's wrapper that gives it its methods.
	HelperBare = "_fountain_rt.Bare"
	// HelperAssertInto sets *dst to a value if it is of *dst's type (see
	// multiAsserts).
	HelperAssertInto = "_fountain_rt.AssertInto"
)

// yaegi gets a type assertion to an interface wrong when the value is of a
// cell's type: "v.(Shape)" panicked ("interface conversion: nil is not
// main.Shape"), "s, ok := v.(Shape)" panicked inside reflect, "v.(error)"
// or "v.(fmt.Stringer)" never matched, and where it matched, it matched by
// the shapes of the methods, not their names (a String method made a value
// an error). A bound type switch on a parameter gets the cells' interfaces
// right (by shape), an interface literal of a compiled interface's methods
// matches the cells' values, and HelperHas checks the names. typeAsserts
// writes each assertion to an interface as a func literal called with the
// value:
//
//	s, ok := v.(fmt.Stringer)
//
// becomes
//
//	s, ok := func(x any) (fmt.Stringer, bool) {
//		if !_fountain_rt.Has(x, "String") { var z fmt.Stringer; return z, false }
//		switch y := x.(type) {
//		case fmt.Stringer: return y, true
//		case interface{ String() (string) }: return y, true
//		default: var z fmt.Stringer; return z, false } }(v)
//
// and v.(Shape) one that panics with Go's message when nothing matches.
func (c *compiler) typeAsserts(f *ast.File, off func(token.Pos) int) {
	c.methodSets = map[string]map[string]bool{} // the cells' methods as this file sees them
	commaOK := commaOKAsserts(f)
	n := 0
	ast.Inspect(f, func(x ast.Node) bool {
		ta, ok := x.(*ast.TypeAssertExpr)
		if !ok || ta.Type == nil {
			return true
		}
		literal, ok := c.interfaceCase(ta.Type)
		if !ok {
			return true
		}
		arg, y := fmt.Sprintf("%sx%d", helperPrefix, n), fmt.Sprintf("%sy%d", helperPrefix, n)
		n++
		typ := c.src[off(ta.Type.Pos()):off(ta.Type.End())]
		if _, isIdent := ta.Type.(*ast.Ident); isIdent && !c.isErrorType(ta.Type) {
			typ = "main." + typ // as Go's message names the cells' types
		}
		p := pieces{c, off(ta.Pos()), ta.Type, off, true} // around X and its edits
		p.text("func(" + arg + " any) ")
		fail := func() {
			if commaOK[ta] {
				p.text("var z ")
				p.typ("; return z, false")
			} else {
				p.text(fmt.Sprintf("panic(%s(%s, %q))", HelperNotImpl, arg, typ))
			}
		}
		ret := "return " + y
		if commaOK[ta] {
			p.text("(")
			p.typ(", bool)")
			ret += ", true"
		} else {
			p.typ("")
		}
		p.text(" { if !" + c.hasCall(arg, ta.Type, literal) + " { ")
		fail()
		p.text(" }; " + c.implementerChecks(arg, y, ta.Type, literal, ret) + "switch " + y + " := " + arg + ".(type) { case ")
		c.caseOf(p, ta.Type, c.alsoCases(ta.Type, literal, ret)+": "+ret+"; default: ")
		fail()
		p.text(" } }(")
		// X stays in place as the argument; the assertion after it goes.
		c.edits = append(c.edits, edit{off(ta.X.End()), off(ta.End()), newlines(c.src[off(ta.X.End()):off(ta.End())]) + ")"})
		return true
	})
}

// commaOKAsserts returns the type assertions of f whose result is two
// values (v, ok := x.(T)).
func commaOKAsserts(f *ast.File) map[*ast.TypeAssertExpr]bool {
	commaOK := map[*ast.TypeAssertExpr]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		var lhs int
		var rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = len(n.Lhs), n.Rhs
		case *ast.ValueSpec:
			lhs, rhs = len(n.Names), n.Values
		}
		if lhs == 2 && len(rhs) == 1 {
			if ta, ok := ast.Unparen(rhs[0]).(*ast.TypeAssertExpr); ok {
				commaOK[ta] = true
			}
		}
		return true
	})
	return commaOK
}

// multiAsserts writes each assertion to an instance of a generic type of
// two or more type parameters (x.(*Entry[K, V]), or one over such an
// instance) without the type in the assertion, which crashed yaegi's
// compiler (it gives such an instance no type there). The value goes into
// an element of a slice of the type, which yaegi makes right (see
// nestedInstance), by HelperAssertInto, which panics as Go's assertion
// would (or, for v, ok := ..., reports):
//
//	x.(*Entry[K, V])  ->  func() *Entry[K, V] { p := make([]*Entry[K, V], 1); AssertInto(&p[0], "*main.Entry[K, V]", true, x); return p[0] }()
//
// Values of two such types of the same structure are not told apart.
func (c *compiler) multiAsserts(f *ast.File, off func(token.Pos) int) {
	commaOK := commaOKAsserts(f)
	ast.Inspect(f, func(x ast.Node) bool {
		ta, ok := x.(*ast.TypeAssertExpr)
		if !ok || ta.Type == nil || !hasMultiInstance(ta.Type) {
			return true
		}
		typ := c.src[off(ta.Type.Pos()):off(ta.Type.End())]
		name := "main." + strings.TrimPrefix(typ, "*")
		if strings.HasPrefix(typ, "*") {
			name = "*" + name
		}
		p := pieces{c, off(ta.Pos()), ta.Type, off, true}
		const slot = multiSlot
		p.text("func() ")
		tail := "); return " + slot + "[0] }()"
		if commaOK[ta] {
			p.text("(")
			p.typ(", bool) { " + slot + " := make([]")
			p.typ(fmt.Sprintf(", 1); ok := %s(&%s[0], %q, false, ", HelperAssertInto, slot, name))
			tail = "); return " + slot + "[0], ok }()"
		} else {
			p.typ(" { " + slot + " := make([]")
			p.typ(fmt.Sprintf(", 1); %s(&%s[0], %q, true, ", HelperAssertInto, slot, name))
		}
		c.edits = append(c.edits, edit{off(ta.X.End()), off(ta.End()), newlines(c.src[off(ta.X.End()):off(ta.End())]) + tail})
		return true
	})
}

// multiSlot is the slice multiAsserts puts a value in.
const multiSlot = helperPrefix + "p"

// hasMultiInstance reports whether the type t, outside the type literals
// in it, is or has an instance of a generic type of two or more type
// parameters.
func hasMultiInstance(t ast.Expr) bool {
	return outsideTypeLiterals(t, func(n ast.Node) bool {
		_, found := n.(*ast.IndexListExpr)
		return found
	})
}

// pieces writes text at an offset made of literal text and copies of a
// type expression (with the edits in it), in order.
type pieces struct {
	c     *compiler
	at    int
	t     ast.Expr
	off   func(token.Pos) int
	first bool // before the other insertions at at
}

func (p pieces) text(s string) {
	p.c.copies = append(p.c.copies, copyEdit{off: p.at, from: p.at, to: p.at, text: s, first: p.first})
}

func (p pieces) typ(suffix string) {
	p.c.copies = append(p.c.copies, copyEdit{off: p.at, from: p.off(p.t.Pos()), to: p.off(p.t.End()), suffix: suffix, flat: true, first: p.first})
}

// caseOf writes the case of a type switch for the interface type t, then
// suffix: t itself, or for error HelperError, since yaegi matches nothing
// to "case error" (and panics building the value of a cell's type that a
// method of the same shape made it take for one).
func (c *compiler) caseOf(p pieces, t ast.Expr, suffix string) {
	if c.isErrorType(t) {
		p.text(HelperError + suffix)
		return
	}
	p.typ(suffix)
}

// hasCall returns the call of HelperHas on x for the methods of the
// interface type t (literal, for a compiled one), or "true" if they are
// not known.
func (c *compiler) hasCall(x string, t ast.Expr, literal string) string {
	names := c.methodNames(t, literal, 0)
	if names == nil {
		return "true"
	}
	return fmt.Sprintf("%s(%s, %q)", HelperHas, x, strings.Join(names, " "))
}

// methodNames returns the names of the methods of the interface type t
// (literal: its methods written out), or nil if it cannot tell.
func (c *compiler) methodNames(t ast.Expr, literal string, depth int) []string {
	if literal != "" {
		e, err := parser.ParseExpr(literal)
		if err != nil {
			return nil
		}
		t = e
	}
	var it *ast.InterfaceType
	switch t := t.(type) {
	case *ast.InterfaceType:
		it = t
	case *ast.Ident:
		if c.isErrorType(t) {
			return []string{"Error"}
		}
		if t.Obj != nil {
			if ts, ok := t.Obj.Decl.(*ast.TypeSpec); ok {
				it, _ = ts.Type.(*ast.InterfaceType)
			}
		} else {
			it = c.cellInterface(t.Name)
		}
	}
	if it == nil || it.Methods == nil || depth > 8 {
		return nil
	}
	var names []string
	for _, m := range it.Methods.List {
		if len(m.Names) > 0 {
			for _, n := range m.Names {
				names = append(names, n.Name)
			}
			continue
		}
		// An embedded interface: its methods, if known.
		lit, _ := c.interfaceCase(m.Type)
		more := c.methodNames(m.Type, lit, depth+1)
		if more == nil {
			return nil
		}
		names = append(names, more...)
	}
	return names
}

// isErrorType reports whether t is the predeclared error.
func (c *compiler) isErrorType(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	return ok && id.Obj == nil && id.Name == "error" && !c.userDefined("error")
}

// interfaceCase reports whether t is a non-empty interface type, and for a
// compiled one the interface literal of its methods, which the cells'
// values match in a type switch.
func (c *compiler) interfaceCase(t ast.Expr) (literal string, ok bool) {
	switch t := t.(type) {
	case *ast.InterfaceType:
		return "", t.Methods != nil && len(t.Methods.List) > 0
	case *ast.Ident:
		if t.Obj == nil && t.Name == "error" && !c.userDefined("error") {
			return "interface{ Error() string }", true
		}
		if t.Obj != nil {
			ts, isType := t.Obj.Decl.(*ast.TypeSpec)
			if !isType || ts.TypeParams != nil {
				return "", false
			}
			it, isIface := ts.Type.(*ast.InterfaceType)
			return "", isIface && it.Methods != nil && len(it.Methods.List) > 0
		}
		it := c.cellInterface(t.Name)
		return "", it != nil && it.Methods != nil && len(it.Methods.List) > 0
	case *ast.SelectorExpr:
		pkg, isIdent := t.X.(*ast.Ident)
		if !isIdent || pkg.Obj != nil {
			return "", false
		}
		path := c.importPath(pkg.Name)
		if path == "" {
			return "", false
		}
		literal, ok := c.env.Interface(path, t.Sel.Name)
		if ok {
			c.typeSelectors([]string{literal})
		}
		return literal, ok
	}
	return "", false
}

// cellInterface returns the cells' non-generic interface type name, or nil.
func (c *compiler) cellInterface(name string) *ast.InterfaceType {
	ts := c.typeSpec(name)
	if ts == nil || ts.TypeParams != nil {
		return nil
	}
	it, _ := ts.Type.(*ast.InterfaceType)
	return it
}

// typeSwitches works around yaegi's type switches on values of the cells'
// types: a switch that binds a variable ("switch s := v.(type)") matched no
// case of a concrete type with methods ("case Circle:" never ran), one
// without the binding matched no interface case, "case error:" matched
// nothing, and a compiled interface case ("case fmt.Stringer:") no value of
// a cell's type. What works: an assertion to a concrete type, and a bound
// switch on interfaces, with an interface literal for a compiled one (see
// typeAsserts). A switch with such cases becomes a switch on the index of
// the clause that matches, which a func literal finds, each clause binding
// the user's variable with an assertion:
//
//	switch s := v.(type) { case Circle: A; case error: B; default: C }
//
// becomes (with v itself as ts when it is a variable, without the block)
//
//	{ ts := any(v); switch func() int {
//		if _, ok := ts.(Circle); ok { return 0 }
//		if <ts is an error> { return 1 }
//		return -1 }() {
//	case 0: s, _ := ts.(Circle); _ = s; A
//	case 1: s := <ts as an error>; _ = s; B
//	default: s := ts; _ = s; C } }
//
// so that break, continue and the clauses' scopes keep their meaning.
// Switches on basic and compiled types only, which yaegi gets right, stay.
func (c *compiler) typeSwitches(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	c.methodSets = map[string]map[string]bool{}
	n := 0
	ast.Inspect(f, func(x ast.Node) bool {
		ts, ok := x.(*ast.TypeSwitchStmt)
		if !ok || !c.needsIndexSwitch(ts) {
			return true
		}
		var name string
		var ta *ast.TypeAssertExpr
		switch a := ts.Assign.(type) {
		case *ast.AssignStmt:
			id, isIdent := a.Lhs[0].(*ast.Ident)
			if !isIdent || len(a.Rhs) != 1 {
				return true // not Go: the interpreter says so
			}
			name = id.Name
			ta, _ = a.Rhs[0].(*ast.TypeAssertExpr)
		case *ast.ExprStmt:
			ta, _ = a.X.(*ast.TypeAssertExpr)
		}
		if ta == nil {
			return true
		}
		v := fmt.Sprintf("%sts%d", helperPrefix, n)
		y := fmt.Sprintf("%sy%d", helperPrefix, n)
		n++
		end := off(ts.Assign.End())
		if id, isIdent := ta.X.(*ast.Ident); isIdent && ts.Init == nil {
			// The variable itself: yaegi loses a value's type when one
			// variable of type any is set to another.
			v = c.rendered(id, off)
			c.edits = append(c.edits, edit{off(ts.Assign.Pos()), end, "func() int { " + newlines(c.src[off(ts.Assign.Pos()):end])})
		} else {
			// { init; ts := any(x); switch func() int { ... }() { ... } }:
			// the func literal in the switch does not see a variable the
			// switch's own init declares (yaegi). The value goes through a
			// call, which keeps its type (see interfaceValues).
			if _, labeled := parent[ts].(*ast.LabeledStmt); labeled {
				return true // the block cannot take the label
			}
			c.edits = append(c.edits, edit{off(ts.Switch), off(ts.Switch) + len("switch"), "{"},
				edit{off(ts.Assign.Pos()), off(ta.X.Pos()), v + " := " + HelperAny + "(" + newlines(c.src[off(ts.Assign.Pos()):off(ta.X.Pos())])},
				edit{off(ta.X.End()), end, "); switch func() int { " + newlines(c.src[off(ta.X.End()):end])},
				edit{off(ts.End()), off(ts.End()), " }"})
		}
		bind := func(at int, text string) {
			if name != "" {
				c.edits = append(c.edits, edit{at, at, " " + name + " := " + text + "; _ = " + name + ";"})
			}
		}
		// Copies of the case types (with the edits in them) write the
		// matching and the bindings.
		piece := func(at int, t ast.Expr, text, suffix string) {
			c.copies = append(c.copies, copyEdit{off: at, from: off(t.Pos()), to: off(t.End()), text: text, suffix: suffix, flat: true})
		}
		// A case of t (see caseOf) between text and suffix.
		caseOf := func(at int, t ast.Expr, text, suffix string) {
			p := pieces{c, at, t, off, false}
			p.text(text)
			c.caseOf(p, t, suffix)
		}
		for i, s := range ts.Body.List {
			cl := s.(*ast.CaseClause)
			at := off(cl.Colon) + 1
			if cl.List == nil {
				bind(at, v)
				continue
			}
			c.edits = append(c.edits, edit{off(cl.Case), off(cl.Colon), fmt.Sprintf("case %d", i)})
			for _, t := range cl.List {
				ret := fmt.Sprintf(" { return %d }; ", i)
				literal, isIface := c.interfaceCase(t)
				switch {
				case isNilIdent(t):
					piece(end, t, "if "+v+" == ", ret)
				case !isIface && c.isBasicType(t):
					// yaegi matched a value of a type of the cells over
					// string to case string; one with methods tells.
					piece(end, t, "if _, ok := "+v+".(", "); ok && !"+HelperNamed+"("+v+")"+ret)
				case hasMultiInstance(t):
					// (see multiAsserts)
					piece(end, t, "if func() bool { "+multiSlot+" := make([]", fmt.Sprintf(", 1); return %s(&%s[0], \"\", false, %s) }()%s", HelperAssertInto, multiSlot, v, ret))
				case !isIface:
					piece(end, t, "if _, ok := "+c.concreteOperand(v, t)+".(", "); ok"+ret)
				default:
					// bound, on a parameter: yaegi matches interfaces only so
					arg := helperPrefix + "x"
					// One type a case: yaegi's cases of several types match
					// what none of them does.
					yes := "_ = " + y + "; return true"
					caseOf(end, t, "if func("+arg+" any) bool { if !"+c.hasCall(arg, t, literal)+" { return false }; "+c.implementerChecks(arg, y, t, literal, yes)+"switch "+y+" := "+arg+".(type) { case ",
						c.alsoCases(t, literal, yes)+": "+yes+" }; return false }("+v+")"+ret)
				}
			}
			if len(cl.List) != 1 || isNilIdent(cl.List[0]) {
				bind(at, v)
				continue
			}
			t := cl.List[0]
			if name == "" {
				continue
			}
			literal, isIface := c.interfaceCase(t)
			if hasMultiInstance(t) {
				piece(at, t, " "+name+" := func() ", " { "+multiSlot+" := make([]")
				piece(at, t, "", fmt.Sprintf(", 1); %s(&%s[0], \"\", false, %s); return %s[0] }(); _ = %s;", HelperAssertInto, multiSlot, v, multiSlot, name))
				continue
			}
			if !isIface {
				piece(at, t, " "+name+", _ := "+c.concreteOperand(v, t)+".(", "); _ = "+name+";")
				continue
			}
			// The case matched: the bound switch in the func literal does too.
			arg := helperPrefix + "x"
			piece(at, t, " "+name+" := func("+arg+" any) ", " { "+c.implementerChecks(arg, y, t, literal, "return "+y)+"switch "+y+" := "+arg+".(type) { case ")
			caseOf(at, t, "", c.alsoCases(t, literal, "return "+y)+": return "+y+" }; panic(\"unreachable\") }("+v+"); _ = "+name+";")
		}
		c.copies = append(c.copies, copyEdit{off: end, from: end, to: end, suffix: "return -1 }()"})
		return true
	})
}

// implementerChecks returns, for an assertion of x to t, an interface type
// (literal: a compiled one's methods), checks of x against each struct type of the cells that has
// t's methods (its own or promoted), each running ret with y bound to the
// value. Two kinds of values need them:
//
//   - one in yaegi's wrapper of a compiled interface (an error holding a
//     value of the cells' type, err.(Temporary)): the wrapper has only
//     error's methods, and yaegi matched no such value to an interface of
//     the cells; for an interface of the cells with methods other than
//     Error and String;
//   - a bare struct, which is what compiled code hands back of a value of
//     the cells' type it was given as an any (container/heap's Push,
//     list.Element.Value): yaegi sees no methods on it.
//
// They become
//
//	if Wrapped(x) { if y, ok := Concrete(x).(*Conn); ok && Owned(x, "Conn") { ret }; ... };
//	if Bare(x) { if y, ok := x.(Conn); ok && Owned(x, "Conn") { ret }; ... };
//
// Else "".
func (c *compiler) implementerChecks(x, y string, t ast.Expr, literal, ret string) string {
	names := c.methodNames(t, literal, 0)
	if len(names) == 0 {
		return ""
	}
	wrapped := literal == "" && !c.isErrorType(t) && slices.ContainsFunc(names, func(n string) bool { return n != "Error" && n != "String" })
	c.implementers = true // types declared later change the list
	var w, b strings.Builder
	for _, typ := range c.allTypes() {
		spec := c.cellTypeDecl(typ)
		if spec == nil || spec.TypeParams != nil {
			continue
		}
		st, ok := spec.Type.(*ast.StructType)
		if !ok || st.Fields == nil || len(st.Fields.List) == 0 {
			// Only a struct's structure tells its type (Owned); and yaegi
			// panics asserting what an error holds to an empty struct
			// or a pointer to one ("reflect: Field index out of bounds").
			continue
		}
		set, ok := c.methodSets[typ]
		if !ok {
			set = c.methodSet(typ, 0)
			c.methodSets[typ] = set
		}
		if !allIn(names, set) {
			continue
		}
		ptr := false // only *typ has them
		for _, n := range names {
			ptr = ptr || set[n]
		}
		// yaegi's assertion matches a value of any type of the same
		// structure: HelperOwned tells whose it is.
		name, owned := c.env.Rename(typ), fmt.Sprintf("%s(%s, %q)", HelperOwned, x, typ)
		if wrapped {
			fmt.Fprintf(&w, "if %s, ok := %s(%s).(*%s); ok && %s { %s }; ", y, HelperConcrete, x, name, owned, ret)
			if !ptr && c.isValuePrinter(ast.NewIdent(typ)) {
				// (A struct whose Error hands it over: of other values,
				// yaegi's wrapper keeps what an assertion cannot match.)
				fmt.Fprintf(&w, "if %s, ok := %s(%s).(%s); ok && %s { %s }; ", y, HelperConcrete, x, name, owned, ret)
			}
		}
		fmt.Fprintf(&b, "if %s, ok := %s.(*%s); ok && %s { %s }; ", y, x, name, owned, ret)
		if !ptr {
			fmt.Fprintf(&b, "if %s, ok := %s.(%s); ok && %s { %s }; ", y, x, name, owned, ret)
		}
	}
	out := ""
	if w.Len() > 0 {
		out += "if " + HelperWrapped + "(" + x + ") { " + w.String() + "}; "
	}
	if b.Len() > 0 {
		out += "if " + HelperBare + "(" + x + ") { " + b.String() + "}; "
	}
	return out
}

// allIn reports whether set has every one of names.
func allIn(names []string, set map[string]bool) bool {
	for _, n := range names {
		if _, ok := set[n]; !ok {
			return false
		}
	}
	return true
}

// methodSet returns the methods of the cells' type typ, its own and those
// its embedded fields of the cells' types promote, each with whether only
// a pointer to typ has it.
func (c *compiler) methodSet(typ string, depth int) map[string]bool {
	set := map[string]bool{}
	if depth > 8 {
		return set
	}
	for _, fd := range c.methodDecls(typ) {
		_, star := fd.Recv.List[0].Type.(*ast.StarExpr)
		set[fd.Name.Name] = star
	}
	spec := c.cellTypeDecl(typ)
	if spec == nil {
		return set
	}
	st, ok := spec.Type.(*ast.StructType)
	if !ok || st.Fields == nil {
		return set
	}
	seen := map[string]int{} // promoted names at this depth: two are ambiguous
	promoted := map[string]bool{}
	for _, f := range st.Fields.List {
		if len(f.Names) != 0 {
			continue
		}
		ft, viaPtr := f.Type, false
		if s, ok := ft.(*ast.StarExpr); ok {
			ft, viaPtr = s.X, true
		}
		id, ok := ft.(*ast.Ident)
		if !ok {
			continue
		}
		for m, p := range c.methodSet(id.Name, depth+1) {
			seen[m]++
			promoted[m] = p && !viaPtr
		}
	}
	for m, p := range promoted {
		if _, own := set[m]; !own && seen[m] == 1 {
			set[m] = p
		}
	}
	return set
}

// methodDecls returns the declarations of all methods of the cells'
// type t.
func (c *compiler) methodDecls(t string) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, src := range c.methodSources(t) {
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 {
				out = append(out, fd)
			}
		}
	}
	return out
}

// isBasicType reports whether t is a predeclared type of a value yaegi
// confuses with the cells' types over it: string, bool or a number type.
func (c *compiler) isBasicType(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	if !ok || id.Obj != nil || c.userDefined(id.Name) {
		return false
	}
	return id.Name == "string" || id.Name == "bool" || integerTypes[id.Name] || id.Name == "float32" || id.Name == "float64" || id.Name == "complex64" || id.Name == "complex128"
}

// allTypes returns the types of the cells, this cell's (before or after
// the statement at hand) and earlier ones', in name order.
func (c *compiler) allTypes() []string {
	all := c.env.Types()
	for name, src := range c.sources {
		if !strings.Contains(name, ".") && strings.HasPrefix(src, "type ") {
			all = append(all, name)
		}
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// alsoCases returns what follows an interface type t in a case list of
// yaegi's to match what that case misses: the literal of a compiled
// interface's methods. With ret, each is a clause of its own that runs
// ret. (For error, the case itself is HelperError: see caseOf.)
func (c *compiler) alsoCases(t ast.Expr, literal, ret string) string {
	var also []string
	if literal != "" {
		also = append(also, literal)
	}
	out := ""
	for _, a := range also {
		if ret == "" {
			out += ", " + a
		} else {
			out += ": " + ret + "; case " + a
		}
	}
	return out
}

// needsIndexSwitch reports whether a type switch has a case yaegi gets
// wrong: an interface, a concrete type of the cells' with methods, or nil
// (which a nil value of one of the cells' interfaces did not match).
func (c *compiler) needsIndexSwitch(ts *ast.TypeSwitchStmt) bool {
	for _, s := range ts.Body.List {
		for _, t := range s.(*ast.CaseClause).List {
			if _, isIface := c.interfaceCase(t); isIface || c.hasMethods(recvName(t)) || isNilIdent(t) || hasMultiInstance(t) {
				return true
			}
		}
	}
	return false
}

// isNilIdent reports the predeclared nil.
func isNilIdent(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil" && id.Obj == nil
}
