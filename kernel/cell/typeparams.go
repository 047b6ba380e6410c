package cell

import (
	"go/ast"
	"go/token"
)

// renameTypeParams gives the type parameters of a generic declaration
// (a type, a func, a method's receiver) that share their name with a
// field, a selected name or a literal's key a name of their own: yaegi
// instantiates a generic by replacing every identifier of a type
// parameter's name, so in "type Pair[K, V any] struct{ K K; V V }" the
// fields became "int int" and p.K was undefined. The new name ends in
// "__0", which messages show without (see the evaluator's demangle).
// It runs once the whole cell is read, to know the cell's generic types.
func (c *compiler) renameTypeParams(fset *token.FileSet, decl ast.Node) {
	params := map[string]bool{}
	switch d := decl.(type) {
	case *ast.TypeSpec:
		addParamNames(params, d.TypeParams)
	case *ast.FuncDecl:
		addParamNames(params, d.Type.TypeParams)
		for n := range recvTypeParams(d) {
			params[n] = true
		}
	}
	if len(params) == 0 {
		return
	}
	other := map[*ast.Ident]bool{}
	clash := map[string]bool{}
	note := func(id *ast.Ident) {
		other[id] = true
		if params[id.Name] {
			clash[id.Name] = true
		}
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.StructType:
			for _, f := range n.Fields.List {
				for _, id := range f.Names {
					note(id)
				}
			}
		case *ast.SelectorExpr:
			note(n.Sel)
		case *ast.CompositeLit:
			// multiInstance writes the fields of such a literal as
			// selectors.
			if _, st := c.multiStruct(n); st != nil {
				for _, f := range fieldNames(st) {
					if params[f] {
						clash[f] = true
					}
				}
			}
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						note(id)
					}
				}
			}
		case *ast.FuncDecl:
			other[n.Name] = true
		case *ast.TypeSpec:
			other[n.Name] = true
		}
		return true
	})
	if len(clash) == 0 {
		return
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && clash[id.Name] && !other[id] {
			o := offsetIn(fset, id.Pos(), len("package p;"))
			c.edits = append(c.edits, edit{o, o + len(id.Name), id.Name + "__0"})
		}
		return true
	})
	// Type arguments written in inside the declaration name them too.
	from, to := offsetIn(fset, decl.Pos(), len("package p;")), offsetIn(fset, decl.End(), len("package p;"))
	for i, e := range c.typeArgEdits {
		if e.off >= from && e.off <= to {
			c.typeArgEdits[i].text = identRE.ReplaceAllStringFunc(e.text, func(id string) string {
				if id[0] != '.' && clash[id] {
					return id + "__0"
				}
				return id
			})
		}
	}
}

func addParamNames(params map[string]bool, fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			params[n.Name] = true
		}
	}
}
