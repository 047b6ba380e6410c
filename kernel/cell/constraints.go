package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// OrderedUnion is cmp.Ordered's type set written out as a union.
const OrderedUnion = "~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string"

// inlineConstraints writes the type-set constraints of a generic
// declaration's type parameters (cmp.Ordered, a cell's "type Number
// interface{ ~int | ~float64 }") out as unions. yaegi checks a type
// argument against a named constraint by comparing the underlying type,
// which it gets wrong for the types of compiled packages: with
// time.Duration, slices.Sort crashed its compiler. A union written in place
// it does not check; the cell's own inference still does where the
// argument types are written.
func (c *compiler) inlineConstraints(fset *token.FileSet, fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		if u, ok := c.union(f.Type, 0); ok {
			from := offsetIn(fset, f.Type.Pos(), len("package p;"))
			to := offsetIn(fset, f.Type.End(), len("package p;"))
			c.edits = append(c.edits, edit{from, to, u + newlines(c.src[from:to])})
		}
	}
}

// union returns constraint e as a union of type terms if it is a type set
// without methods, given by name or as an interface literal.
func (c *compiler) union(e ast.Expr, depth int) (string, bool) {
	if depth > 8 {
		return "", false
	}
	switch x := e.(type) {
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok && pkg.Name == "cmp" && pkg.Obj == nil && !c.userDefined("cmp") && x.Sel.Name == "Ordered" {
			return OrderedUnion, true
		}
	case *ast.Ident:
		spec := c.typeSpec(x.Name)
		if spec == nil || spec.TypeParams != nil {
			return "", false
		}
		if it, ok := spec.Type.(*ast.InterfaceType); ok {
			return c.union(it, depth+1)
		}
	case *ast.InterfaceType:
		if len(x.Methods.List) != 1 || len(x.Methods.List[0].Names) != 0 {
			return "", false // methods, or more than one line of terms
		}
		return c.terms(x.Methods.List[0].Type, depth)
	}
	return "", false
}

// terms writes a union's terms, expanding those that are type sets.
func (c *compiler) terms(e ast.Expr, depth int) (string, bool) {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op != token.OR {
			return "", false
		}
		l, ok1 := c.terms(x.X, depth)
		r, ok2 := c.terms(x.Y, depth)
		return l + " | " + r, ok1 && ok2
	case *ast.UnaryExpr:
		if x.Op != token.TILDE {
			return "", false
		}
		return "~" + types.ExprString(x.X), true
	case *ast.Ident:
		if universe[x.Name] {
			return x.Name, true
		}
		if u, ok := c.union(x, depth+1); ok {
			return u, true
		}
		if c.typeSpec(x.Name) != nil {
			return c.env.Rename(x.Name), true // a type of the cells
		}
	case *ast.SelectorExpr:
		return c.union(x, depth+1)
	}
	return "", false
}

// typeSpec returns the declaration of the type name of the cells: this
// cell's or an earlier one's.
func (c *compiler) typeSpec(name string) *ast.TypeSpec {
	return TypeDecl(c.declSource(name), name)
}

// TypeDecl returns the declaration of the type name in src (a type
// declaration's source), or nil.
func TypeDecl(src, name string) *ast.TypeSpec {
	if !strings.HasPrefix(src, "type ") {
		return nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok {
			for _, s := range gd.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == name {
					return ts
				}
			}
		}
	}
	return nil
}
