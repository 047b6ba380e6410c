package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// yaegi crashes declaring a generic func whose signature gives a generic
// type of the cells that has methods a type literal over the func's type
// parameters as a type argument (func Collect[T any](rs []Result[T])
// Result[[]T]): it makes the type's methods for the instance with the
// literal's type unresolved. It instantiates them right once the literal
// is a type parameter of its own. So such a func gets one more type
// parameter for each such literal, its constraint the literal's type
// (Collect[T any, _fountain_S0 ~[]T](rs []Result[T]) Result[_fountain_S0]),
// and its calls get all their type arguments written in, the hidden ones
// from their constraints' core types once the others are known (see
// inferTypeArgs), as Go would infer them.

// hiddenParams returns the type literals over decl's type parameters that
// its signature gives as type arguments to generic types of the cells
// with methods, each once, in order; and where each is.
func (c *compiler) hiddenParams(decl *ast.FuncDecl) (lits []ast.Expr, at map[ast.Expr]int) {
	if decl.Recv != nil || decl.Type.TypeParams == nil {
		return nil, nil
	}
	tparams := funcTypeParams(decl)
	index := map[string]int{}
	at = map[ast.Expr]int{}
	visit := func(n ast.Node) bool {
		base, args := instance(asExpr(n))
		id, ok := base.(*ast.Ident)
		if !ok || tparams[id.Name] {
			return true
		}
		if spec := c.cellTypeDecl(id.Name); spec == nil || spec.TypeParams == nil || len(c.methodDecls(id.Name)) == 0 {
			return true
		}
		for _, a := range args {
			switch x := a.(type) {
			case *ast.ArrayType:
				if x.Len != nil {
					continue // substitute writes no arrays
				}
			case *ast.StarExpr, *ast.MapType, *ast.ChanType, *ast.FuncType:
			default:
				continue
			}
			if !mentions(a, tparams) {
				continue
			}
			text := types.ExprString(a)
			i, seen := index[text]
			if !seen {
				i = len(lits)
				index[text] = i
				lits = append(lits, a)
			}
			at[a] = i
		}
		return true
	}
	ast.Inspect(decl.Type.Params, visit)
	if decl.Type.Results != nil {
		ast.Inspect(decl.Type.Results, visit)
	}
	return lits, at
}

// asExpr returns n as an expression, or nil.
func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// hiddenName is the name of the i-th hidden type parameter.
func hiddenName(i int) string { return fmt.Sprintf("%sS%d", helperPrefix, i) }

// hide gives decl its hidden type parameters (see hiddenParams), for the
// inference of its calls' type arguments.
func (c *compiler) hide(decl *ast.FuncDecl) *ast.FuncDecl {
	if decl == nil {
		return nil
	}
	lits, at := c.hiddenParams(decl)
	if len(lits) == 0 {
		return decl
	}
	replace := func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.IndexExpr:
			if i, ok := at[x.Index]; ok {
				x.Index = ast.NewIdent(hiddenName(i))
			}
		case *ast.IndexListExpr:
			for j, a := range x.Indices {
				if i, ok := at[a]; ok {
					x.Indices[j] = ast.NewIdent(hiddenName(i))
				}
			}
		}
		return true
	}
	ast.Inspect(decl.Type.Params, replace)
	if decl.Type.Results != nil {
		ast.Inspect(decl.Type.Results, replace)
	}
	for i, lit := range lits {
		decl.Type.TypeParams.List = append(decl.Type.TypeParams.List, &ast.Field{
			Names: []*ast.Ident{ast.NewIdent(hiddenName(i))},
			Type:  &ast.UnaryExpr{Op: token.TILDE, X: lit},
		})
	}
	return decl
}

// genericFunc returns the declaration of the cells' generic func name,
// with its hidden type parameters, or nil.
func (c *compiler) genericFunc(name string) *ast.FuncDecl {
	return c.hide(genericDecl(c.declSource(name), name))
}

// hideTypeParams writes decl, a declaration of this cell, with its hidden
// type parameters: their declarations after the others, copies of the
// literals as the cell writes them (renamed types), and their names for
// the literals.
func (c *compiler) hideTypeParams(fset *token.FileSet, decl *ast.FuncDecl) {
	lits, at := c.hiddenParams(decl)
	if len(lits) == 0 {
		return
	}
	off := func(p token.Pos) int { return offsetIn(fset, p, len("package p;")) }
	for lit, i := range at {
		from, to := off(lit.Pos()), off(lit.End())
		c.edits = append(c.edits, edit{from, to, hiddenName(i) + newlines(c.src[from:to])})
	}
	closing := off(decl.Type.TypeParams.Closing)
	for i, lit := range lits {
		c.copies = append(c.copies, copyEdit{off: closing, from: off(lit.Pos()), to: off(lit.End()),
			text: ", " + hiddenName(i) + " ~", replaced: true, flat: true})
	}
}

// visibleParams returns how many of decl's type parameters are the
// user's, not hidden (see hide).
func visibleParams(decl *ast.FuncDecl) int {
	n := 0
	for _, name := range typeParamList(decl.Type.TypeParams) {
		if !strings.HasPrefix(name, helperPrefix) {
			n++
		}
	}
	return n
}

// funcInstances writes in the hidden type arguments (see hide) of the
// instances of the cells' generic funcs that the source gives all the
// others (f := Collect[int], Collect[int](xs)), from the constraints'
// core types; genericCall leaves those calls alone. And it makes an
// instance that is not called a func literal calling it (yaegi: "not a
// generic type", or "constant definition loop" for one type argument):
//
//	g := Map[int, string]  ->  g := func(p0 []int, p1 func(int) string) []string { return Map[int, string](p0, p1) }
func (c *compiler) funcInstances(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		base, given := instance(asExpr(n))
		id, ok := base.(*ast.Ident)
		if !ok || id.Obj != nil && id.Obj.Kind != ast.Fun {
			return true
		}
		decl := c.genericFunc(id.Name)
		if decl == nil {
			return true
		}
		names := typeParamList(decl.Type.TypeParams)
		if len(given) != visibleParams(decl) {
			return true
		}
		var targs []string
		for _, ix := range given {
			targs = append(targs, c.typeText(ix, off))
		}
		bound := bindings(decl.Type.TypeParams, targs)
		coreBound(names, coreTypes(decl), bound)
		if call, ok := parent[n].(*ast.CallExpr); !ok || call.Fun != n {
			c.instanceValue(n.(ast.Expr), decl, bound, off)
		}
		if len(given) == len(names) {
			return true
		}
		written := make([]string, len(names))
		for i, name := range names {
			t, ok := bound[name]
			if !ok {
				return true
			}
			written[i] = c.aliasInstances(t)
		}
		c.replaceTypeArgs(n.(ast.Expr), written, off)
		return true
	})
}

// coreTypes returns the core types of the constraints of decl's type
// parameters that have one, by name.
func coreTypes(decl *ast.FuncDecl) map[string]ast.Expr {
	core := map[string]ast.Expr{}
	for _, f := range decl.Type.TypeParams.List {
		for _, n := range f.Names {
			if ct := coreType(f.Type); ct != nil {
				core[n.Name] = ct
			}
		}
	}
	return core
}

// instanceValue makes the instance x of the generic func decl, its type
// parameters bound, a func literal calling it (see funcInstances).
func (c *compiler) instanceValue(x ast.Expr, decl *ast.FuncDecl, bound map[string]string, off func(token.Pos) int) {
	var params, args []string
	spread := ""
	for i, p := range fieldTypes(decl.Type.Params) {
		t := p
		if ell, ok := p.(*ast.Ellipsis); ok {
			t, spread = &ast.ArrayType{Elt: ell.Elt}, "..."
		}
		text, ok := substitute(t, bound, true)
		if !ok {
			return
		}
		if spread != "" {
			text = "..." + strings.TrimPrefix(text, "[]")
		}
		name := fmt.Sprintf("%sp%d", helperPrefix, i)
		params = append(params, name+" "+c.current(text))
		args = append(args, name)
	}
	var results []string
	for _, r := range fieldTypes(decl.Type.Results) {
		text, ok := substitute(r, bound, true)
		if !ok {
			return
		}
		results = append(results, c.current(text))
	}
	sig, ret := "func("+strings.Join(params, ", ")+")", ""
	switch len(results) {
	case 0:
	case 1:
		sig, ret = sig+" "+results[0], "return "
	default:
		sig, ret = sig+" ("+strings.Join(results, ", ")+")", "return "
	}
	from, to := off(x.Pos()), off(x.End())
	c.edits = append(c.edits, edit{from, from, sig + " { " + ret}, edit{to, to, "(" + strings.Join(args, ", ") + spread + ") }"})
}
