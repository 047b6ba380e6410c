package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
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
