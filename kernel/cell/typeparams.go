package cell

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
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

// renameClashingParams renames, before anything else reads the cell, the
// type parameters of its generic funcs that are named as a top-level name
// of the cells (func Sum[N Number] with const N, or type T): yaegi
// declares a generic func's parameters among the package's names, and
// the two broke each other. The new names end in "__0", which messages
// show without. It returns the funcs renamed, if any.
func renameClashingParams(src string, units []Unit, env Env) (string, []string) {
	if !strings.Contains(src, "[") {
		return src, nil // no generic func
	}
	names := map[string]bool{} // the cell's top-level names
	type decl struct {
		fd   *ast.FuncDecl
		fset *token.FileSet
	}
	var generic []decl
	for _, u := range units {
		switch u.Kind {
		case Decl:
			f, fset, err := parseFile(src, u)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil {
						names[d.Name.Name] = true
						if d.Type.TypeParams != nil {
							generic = append(generic, decl{d, fset})
						}
					}
				case *ast.GenDecl:
					for _, sp := range d.Specs {
						switch sp := sp.(type) {
						case *ast.TypeSpec:
							names[sp.Name.Name] = true
						case *ast.ValueSpec:
							for _, n := range sp.Names {
								names[n.Name] = true
							}
						}
					}
				}
			}
		case Stmt:
			// n := ... among the cell's statements.
			text := strings.TrimSpace(src[u.Start:u.End])
			if m := defineRE.FindStringSubmatch(text); m != nil {
				for _, n := range strings.Split(m[1], ",") {
					names[strings.TrimSpace(n)] = true
				}
			}
		}
	}
	type repl struct{ at, end int }
	var rs []repl
	var renamed []string
	for _, g := range generic {
		for _, f := range g.fd.Type.TypeParams.List {
			for _, p := range f.Names {
				if p.Name == g.fd.Name.Name || !names[p.Name] && !env.Defined(p.Name) || p.Obj == nil {
					continue
				}
				if !slices.Contains(renamed, g.fd.Name.Name) {
					renamed = append(renamed, g.fd.Name.Name)
				}
				ast.Inspect(g.fd, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok && id.Obj == p.Obj {
						at := g.fset.Position(id.Pos()).Offset - len("package p;")
						rs = append(rs, repl{at, at + len(id.Name)})
					}
					return true
				})
			}
		}
	}
	if len(rs) == 0 {
		return src, nil
	}
	slices.SortFunc(rs, func(a, b repl) int { return a.at - b.at })
	var b strings.Builder
	last := 0
	for _, r := range rs {
		b.WriteString(src[last:r.end])
		b.WriteString("__0")
		last = r.end
	}
	b.WriteString(src[last:])
	return b.String(), renamed
}
