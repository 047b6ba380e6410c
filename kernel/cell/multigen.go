package cell

import (
	"go/ast"
	"go/token"
)

// multiVar is the variable the rewrites below build a value in.
const multiVar = helperPrefix + "z"

// multiInstance rewrites the expressions that make a value of an instance
// of a generic type of two or more type parameters (Cache[K, V]) for
// yaegi. yaegi instantiates such a type in an expression (a composite
// literal, new's argument) apart from the instance a type position makes,
// so the two are different types to it: a value made one way fails at run
// time where the other is expected (a method of Cache making a Cache, a
// generic func taking a *Cache[K, V]), and new(Cache[K, V]) crashes its
// compiler. A variable declared of the type is made the type position's
// way, so the value is built in one, inside a func literal called at once:
//
//	&Cache[K, V]{m: m}  ->  func() *Cache[K, V] { var z Cache[K, V]; z.m = m; return &z }()
//	new(Cache[K, V])    ->  func() *Cache[K, V] { var z Cache[K, V]; return &z }()
//
// Only separators and keys are replaced; the type and the values keep
// their place, and with it the other rewrites inside them. It runs once
// the whole cell is read, when the cell's generic types are all known.
func (c *compiler) multiInstance(n ast.Node, parent ast.Node, off func(token.Pos) int) {
	if c.nestedInstance(n, off) {
		return
	}
	switch n := n.(type) {
	case *ast.CallExpr:
		id, ok := n.Fun.(*ast.Ident)
		if !ok || id.Name != "new" || id.Obj != nil || c.userDefined("new") || len(n.Args) != 1 {
			return
		}
		arg, ok := n.Args[0].(*ast.IndexListExpr)
		if !ok {
			return
		}
		from, to := off(arg.Pos()), off(arg.End())
		c.edits = append(c.edits, edit{off(n.Pos()), from, ""},
			edit{to, off(n.Rparen) + 1, "; return &" + multiVar + " }()" + newlines(c.src[to:off(n.Rparen)])})
		c.copies = append(c.copies, copyEdit{off: from, from: from, to: to, text: "func() *", suffix: " { var " + multiVar + " ", ofType: true})
	case *ast.CompositeLit:
		typ, st := c.multiStruct(n)
		if st == nil {
			return
		}
		fields := fieldNames(st)
		keys := make([]string, len(n.Elts))
		for i, e := range n.Elts {
			switch {
			case isKeyed(e):
				k, ok := e.(*ast.KeyValueExpr).Key.(*ast.Ident)
				if !ok {
					return
				}
				keys[i] = k.Name
			case len(n.Elts) == len(fields) && fields[i] != "":
				keys[i] = fields[i]
			default:
				return // yaegi's own error is the one to see
			}
		}
		from, to := off(typ.Pos()), off(typ.End())
		head, ret := "func() ", " return "+multiVar+" }()"
		if u, ok := parent.(*ast.UnaryExpr); ok && u.Op == token.AND && u.X == n {
			c.edits = append(c.edits, edit{off(u.Pos()), from, ""})
			head, ret = "func() *", " return &"+multiVar+" }()"
		}
		// func() *T { var z T; z.k = v; ...; return &z }(): the copy of
		// the type goes first, the type itself is the variable's.
		c.copies = append(c.copies, copyEdit{off: from, from: from, to: to, text: head, suffix: " { var " + multiVar + " ", ofType: true})
		last := off(n.Lbrace) + 1
		c.edits = append(c.edits, edit{to, last, newlines(c.src[to:last])})
		for i, e := range n.Elts {
			val := e
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				val = kv.Value
			}
			// "{ k: " or ", k: " becomes "; z.k = ", keeping the lines.
			gap := c.src[last:off(val.Pos())]
			c.edits = append(c.edits, edit{last, off(val.Pos()), "; " + newlines(gap) + multiVar + "." + c.fieldKey(st, keys[i]) + " = "})
			last = off(val.End())
		}
		end := off(n.Rbrace)
		c.edits = append(c.edits, edit{last, end + 1, ";" + newlines(c.src[last:end]) + ret})
	}
}

// fieldKey returns the name of st's field k as the interpreter has it: a
// field embedding a type of the cells goes by the type's name in this
// compile (List__2, once the cell declaring List ran again).
func (c *compiler) fieldKey(st *ast.StructType, k string) string {
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 && embeddedName(f.Type) == k && !qualified(f.Type) {
			return c.env.Rename(k)
		}
	}
	return k
}

func isKeyed(e ast.Expr) bool { _, ok := e.(*ast.KeyValueExpr); return ok }

// multiStruct returns the type of composite literal lit, and its struct,
// when it is an instance of a generic struct type of the cells with two or
// more type parameters; else nil.
func (c *compiler) multiStruct(lit *ast.CompositeLit) (*ast.IndexListExpr, *ast.StructType) {
	typ, ok := lit.Type.(*ast.IndexListExpr)
	if !ok {
		return nil, nil
	}
	tid, ok := typ.X.(*ast.Ident)
	if !ok {
		return nil, nil
	}
	spec := c.genericSpec(tid.Name)
	if spec == nil {
		return nil, nil
	}
	st, ok := spec.Type.(*ast.StructType)
	if !ok {
		return nil, nil
	}
	return typ, st
}

// fieldNames lists a struct's field names in order, an embedded field by
// its type's name.
func fieldNames(st *ast.StructType) []string {
	var out []string
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			out = append(out, embeddedName(f.Type))
			continue
		}
		for _, n := range f.Names {
			out = append(out, n.Name)
		}
	}
	return out
}

// nestedInstance rewrites the expressions that make a value of an
// instance of a generic type whose type argument is an instance of two or
// more type parameters (List[Pair[K, V]], List[*Pair[K, V]]), or of a
// pointer to one of those (*Pair[K, V]), and reports whether n is one. yaegi's compiler crashed on such a type in a
// composite literal, new's argument or a var declaration (it gives the
// inner instance no type there), though not inside a slice type, whose
// element types it works out apart. So the value is made in a slice:
//
//	&List[Pair[K, V]]{items: xs}  ->  &[]List[Pair[K, V]]{{items: xs}}[0]
//	new(List[Pair[K, V]])         ->  &make([]List[Pair[K, V]], 1)[0]
//	var l List[Pair[K, V]]        ->  var l = make([]List[Pair[K, V]], 1)[0]
//
// The type and the elements keep their place, and with it the other
// rewrites inside them.
func (c *compiler) nestedInstance(n ast.Node, off func(token.Pos) int) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		id, ok := n.Fun.(*ast.Ident)
		if !ok || id.Name != "new" || id.Obj != nil || c.userDefined("new") || len(n.Args) != 1 || !hasNestedInstance(n.Args[0]) {
			return false
		}
		c.edits = append(c.edits, edit{off(n.Fun.Pos()), off(n.Lparen) + 1, "&make([]"},
			edit{off(n.Rparen), off(n.Rparen) + 1, ", 1)[0]"})
	case *ast.CompositeLit:
		if n.Type == nil || !hasNestedInstance(n.Type) {
			return false
		}
		c.edits = append(c.edits, edit{off(n.Type.Pos()), off(n.Type.Pos()), "[]"},
			edit{off(n.Lbrace), off(n.Lbrace), "{"},
			edit{off(n.Rbrace) + 1, off(n.Rbrace) + 1, "}[0]"})
	case *ast.ValueSpec:
		if n.Type == nil || len(n.Values) != 0 || !hasNestedInstance(n.Type) || c.zeroSpecs[n] {
			return false
		}
		from, to := off(n.Type.Pos()), off(n.Type.End())
		c.edits = append(c.edits, edit{from, from, "= make([]"}, edit{to, to, ", 1)[0]"})
		for range n.Names[1:] {
			c.copies = append(c.copies, copyEdit{off: to, from: from, to: to, text: ", make([]", suffix: ", 1)[0]"})
		}
	default:
		return false
	}
	return true
}

// hasNestedInstance reports whether the type t, outside the type literals
// in it, has an instance of a generic type whose type argument is an
// instance of two or more type parameters, or a pointer to such an
// instance (see nestedInstance).
func hasNestedInstance(t ast.Expr) bool {
	return outsideTypeLiterals(t, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			ix := ast.Unparen(n.Index)
			if s, ok := ix.(*ast.StarExpr); ok {
				ix = ast.Unparen(s.X)
			}
			_, found := ix.(*ast.IndexListExpr)
			return found
		case *ast.StarExpr:
			// A pointer to an instance of several type parameters too
			// (var p *Entry[K, V]).
			_, found := ast.Unparen(n.X).(*ast.IndexListExpr)
			return found
		}
		return false
	})
}

// outsideTypeLiterals reports whether match holds for a node of the type
// t outside the type literals in it (slices, maps, chans, funcs, structs,
// interfaces), whose element types yaegi works out on their own.
func outsideTypeLiterals(t ast.Expr, match func(ast.Node) bool) bool {
	found := false
	ast.Inspect(t, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType, *ast.InterfaceType:
			return false
		}
		found = found || match(n)
		return !found
	})
	return found
}
