package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strings"
)

// Types as source text: matching a parameter's type with an argument's
// (unify), the underlying types the cells declare, and writing types with
// type parameters put in.

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

// underlying returns the underlying type of a type given as source text
// (and that text), as far as the cells' declarations tell it; nil for a
// type of a compiled package, whose underlying type no source shows.
func (c *compiler) underlying(t string, depth int) (ast.Expr, string) {
	if depth > 4 {
		return nil, ""
	}
	e, ts, src, targs := c.namedType(t)
	switch {
	case e == nil:
		return nil, ""
	case ts == nil:
		if _, ident := e.(*ast.Ident); ident || targs != nil {
			return nil, "" // a name the cells do not declare
		}
		if _, named := e.(*ast.SelectorExpr); named {
			return nil, ""
		}
		return e, t
	case targs == nil:
		return c.underlying(src[ts.Type.Pos()-1:ts.Type.End()-1], depth+1)
	}
	// An instance of a generic type of the cells: its declared type with
	// the arguments put in.
	if u, ok := substitute(ts.Type, bindings(ts.TypeParams, targs), true); ok {
		return c.underlying(u, depth+1)
	}
	return nil, ""
}

// namedType parses a type given as source text and, when it names a type
// the cells declare (an instance of one: targs), finds that declaration:
// its spec and the source its positions count in. e is the parsed type,
// less the type arguments; nil if t does not parse.
func (c *compiler) namedType(t string) (e ast.Expr, ts *ast.TypeSpec, src string, targs []string) {
	e, err := parser.ParseExpr(t)
	if err != nil {
		return nil, nil, "", nil
	}
	if base, args := instance(e); base != nil {
		for _, a := range args {
			targs = append(targs, t[a.Pos()-1:a.End()-1])
		}
		e = base
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return e, nil, "", targs
	}
	name := versionRE.ReplaceAllString(id.Name, "")
	src = "package p;" + c.declSource(name)
	f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
	if err != nil {
		return e, nil, "", targs
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok {
			for _, sp := range g.Specs {
				if spec, ok := sp.(*ast.TypeSpec); ok && spec.Name.Name == name && (spec.TypeParams == nil) == (targs == nil) {
					return e, spec, src, targs
				}
			}
		}
	}
	return e, nil, "", targs
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
	if pbase, _ := instance(p); pbase == nil {
		// An instance of a generic type of the cells that is not a struct
		// against a type literal (Vec[int] for []T): Go matches the
		// literal with the instance's underlying type.
		if base, args := instance(a); base != nil {
			if w, text := u.c.instanceTypeText(base, args, src); w != nil {
				return u.unify(p, w, text)
			}
		}
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

// FieldTypes lists a field list's types, one per name (a parameter list's
// types, as a call passes them).
func FieldTypes(l *ast.FieldList) []ast.Expr { return fieldTypes(l) }

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
		// The argument's type as a probe names it, Tree__3 where the
		// cell itself declares Tree (and its funcs' parameters say Tree).
		unversioned := func(e ast.Expr) string { return versionRE.ReplaceAllString(types.ExprString(e), "") }
		if iterName(base) != iterName(abase) || iterName(base) == "" && unversioned(base) != unversioned(abase) || len(pargs) != len(aargs) {
			return true
		}
		for i := range pargs {
			if !u.unify(pargs[i], aargs[i], src) {
				return false
			}
		}
		return true
	}
	if st, ok := a.(*ast.StructType); ok {
		return u.unifyStruct(base, pargs, st, src)
	}
	if w := u.c.instanceType(base, pargs); w != nil {
		// An instance of a generic type of the cells that is not a struct
		// (Set[T], a map): yaegi prints the type of a value of it as the
		// underlying type ("map[int]struct {}").
		return u.unify(w, a, src)
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

// unifyStruct matches an instance of a generic struct type of the cells
// (Event[T]) with a struct type: yaegi prints the type of a value made
// by a composite literal of an instance as the bare struct ("struct { At
// time.Time; Data string }"). Field by field, the type parameters of the
// declaration stand for the instance's type arguments.
func (u *unifier) unifyStruct(base ast.Expr, pargs []ast.Expr, a *ast.StructType, src string) bool {
	id, ok := base.(*ast.Ident)
	if !ok {
		return true
	}
	spec := u.c.genericSpec(id.Name)
	if spec == nil {
		return true
	}
	decl, ok := spec.Type.(*ast.StructType)
	names := typeParamNames(spec)
	if !ok || len(names) != len(pargs) {
		return true
	}
	var targs []string
	for _, a := range pargs {
		targs = append(targs, types.ExprString(a))
	}
	bound := bindings(spec.TypeParams, targs)
	want, got := fieldTypes(decl.Fields), fieldTypes(a.Fields)
	if len(want) != len(got) {
		return true
	}
	for i := range want {
		// The declaration's field type, in the instance's terms.
		text, ok := substitute(want[i], bound, true)
		if !ok {
			continue
		}
		w, err := parser.ParseExpr(text)
		if err != nil {
			continue
		}
		if !u.unify(w, got[i], src) {
			return false
		}
	}
	return true
}

// instanceType returns the declared type of the generic type of the cells
// base, not a struct, with type arguments pargs put in, or nil.
func (c *compiler) instanceType(base ast.Expr, pargs []ast.Expr) ast.Expr {
	w, _ := c.instanceTypeText(base, pargs, "")
	return w
}

// instanceTypeText is instanceType, with the type's source text. The
// type arguments are written as in src, when given (an argument's type as
// the evaluator printed it; their positions count from 1), else as
// go/types writes them.
func (c *compiler) instanceTypeText(base ast.Expr, pargs []ast.Expr, src string) (ast.Expr, string) {
	id, ok := base.(*ast.Ident)
	if !ok {
		return nil, ""
	}
	spec := c.genericSpec(versionRE.ReplaceAllString(id.Name, ""))
	if spec == nil || len(typeParamNames(spec)) != len(pargs) {
		return nil, ""
	}
	switch spec.Type.(type) {
	case *ast.MapType, *ast.ArrayType, *ast.ChanType, *ast.FuncType, *ast.StarExpr:
	default:
		return nil, ""
	}
	var targs []string
	for _, a := range pargs {
		t := types.ExprString(a)
		if from, to := int(a.Pos())-1, int(a.End())-1; src != "" && from >= 0 && to <= len(src) {
			t = src[from:to]
		}
		targs = append(targs, t)
	}
	text, ok := substitute(spec.Type, bindings(spec.TypeParams, targs), true)
	if !ok {
		return nil, ""
	}
	w, err := parser.ParseExpr(text)
	if err != nil {
		return nil, ""
	}
	return w, text
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

// declaredType returns the type an identifier's declaration writes out:
// a parameter's, or a variable's declared with one, or the element type of
// one a range's value variable ranges over (for _, s := range seqs); else
// nil.
func declaredType(id *ast.Ident) ast.Expr {
	return declaredTypeDepth(id, 0)
}

func declaredTypeDepth(id *ast.Ident, depth int) ast.Expr {
	if id.Obj == nil || depth > 4 {
		return nil
	}
	switch d := id.Obj.Decl.(type) {
	case *ast.Field:
		return d.Type
	case *ast.ValueSpec:
		return d.Type
	case *ast.AssignStmt:
		// The parser declares a range's variables in an assignment from
		// a unary RANGE of the operand.
		if len(d.Rhs) != 1 || len(d.Lhs) != 2 {
			return nil
		}
		if v, ok := d.Lhs[1].(*ast.Ident); !ok || v.Obj != id.Obj {
			return nil
		}
		u, ok := d.Rhs[0].(*ast.UnaryExpr)
		if !ok || u.Op != token.RANGE {
			return nil
		}
		x, ok := ast.Unparen(u.X).(*ast.Ident)
		if !ok || x.Obj == id.Obj {
			return nil
		}
		switch t := declaredTypeDepth(x, depth+1).(type) {
		case *ast.ArrayType:
			return t.Elt
		case *ast.Ellipsis:
			return t.Elt
		case *ast.MapType:
			return t.Value
		}
	}
	return nil
}

// bindings maps type parameters to their arguments.
func bindings(params *ast.FieldList, targs []string) map[string]string {
	bound := map[string]string{}
	if params == nil {
		return bound
	}
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
			switch l := x.Len.(type) {
			case nil:
				b.WriteString("[]")
			case *ast.BasicLit:
				b.WriteString("[" + l.Value + "]") // [4]State
			default:
				ok = false
				return
			}
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
		case *ast.StructType, *ast.InterfaceType:
			// As written, if it names none of the type parameters
			// (struct{}, interface{}; others only with keep).
			params := map[string]bool{}
			for k := range bound {
				params[k] = true
			}
			empty := false
			switch y := x.(type) {
			case *ast.StructType:
				empty = y.Fields.NumFields() == 0
			case *ast.InterfaceType:
				empty = y.Methods.NumFields() == 0
			}
			if mentions(x, params) || !keep && !empty {
				ok = false
				return
			}
			b.WriteString(types.ExprString(x))
		default:
			ok = false
		}
	}
	write(e)
	return b.String(), ok
}
