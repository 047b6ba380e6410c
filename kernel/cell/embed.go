package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// embedded is a type of the cells (an instance of a generic one, or not)
// embedded in a struct type the cell declares.
type embedded struct {
	strct, field string   // the struct type, and the field's name (the generic type's)
	args         []string // the instance's type arguments, as written
}

// promoted returns the declarations of methods that forward the methods of
// the cells' types embedded in the cell's struct types:
//
//	type Named struct{ Base[string] }  ->  func (s *Named) Add(a0 string) { s.Base.Add(a0) }
//
// yaegi does not promote the methods of an embedded instance of a generic
// type ("undefined selector: Add"), and a type switch or an assertion to
// an interface does not see those of a plain type. A method the struct
// declares itself wins, as in Go.
func (c *compiler) promoted() string {
	type method struct {
		e  embedded
		fd *ast.FuncDecl
	}
	var methods []method
	from := map[string]int{} // how many embedded fields of a struct have the method
	for _, e := range c.embeds {
		// An embedded interface of the cells: its methods, called on the
		// struct itself (l.Name() of a struct embedding Plugin), failed in
		// yaegi ("invalid interface value").
		if spec := c.cellTypeDecl(e.field); spec != nil && spec.TypeParams == nil {
			if it, ok := spec.Type.(*ast.InterfaceType); ok {
				for _, m := range c.interfaceMethods(it, 0) {
					ft := m.Type.(*ast.FuncType)
					name := m.Names[0].Name
					if _, own := c.sources[e.strct+"."+name]; own || c.env.Source(e.strct+"."+name) != "" {
						continue
					}
					fd := &ast.FuncDecl{Recv: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent(e.field)}}}, Name: ast.NewIdent(name), Type: ft}
					methods = append(methods, method{e, fd})
					from[e.strct+"."+name]++
				}
				continue
			}
		}
		for _, src := range c.methodSources(e.field) {
			f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, 0)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
					continue
				}
				if _, own := c.sources[e.strct+"."+fd.Name.Name]; own || c.env.Source(e.strct+"."+fd.Name.Name) != "" {
					continue
				}
				methods = append(methods, method{e, fd})
				from[e.strct+"."+fd.Name.Name]++
			}
		}
	}
	var out []string
	for _, m := range methods {
		if from[m.e.strct+"."+m.fd.Name.Name] > 1 {
			continue // ambiguous in Go: promoted by neither
		}
		if fwd, ok := c.forwarder(m.e, m.fd); ok {
			out = append(out, fwd)
		}
	}
	return strings.Join(out, "; ")
}

// interfaceMethods returns the methods of the interface type it, with
// those of the interfaces of the cells it embeds (and error's), each a
// field of one name and a func type.
func (c *compiler) interfaceMethods(it *ast.InterfaceType, depth int) []*ast.Field {
	var out []*ast.Field
	if it.Methods == nil || depth > 8 {
		return nil
	}
	for _, m := range it.Methods.List {
		if _, ok := m.Type.(*ast.FuncType); ok && len(m.Names) == 1 {
			out = append(out, m)
			continue
		}
		id, ok := m.Type.(*ast.Ident)
		if !ok || len(m.Names) != 0 {
			continue // a type set, or a compiled interface
		}
		if c.isErrorType(id) {
			result := &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("string")}}}
			out = append(out, &ast.Field{Names: []*ast.Ident{ast.NewIdent("Error")}, Type: &ast.FuncType{Params: &ast.FieldList{}, Results: result}})
			continue
		}
		if spec := c.cellTypeDecl(id.Name); spec != nil && spec.TypeParams == nil {
			if embedded, ok := spec.Type.(*ast.InterfaceType); ok {
				out = append(out, c.interfaceMethods(embedded, depth+1)...)
			}
		}
	}
	return out
}

// forwarder writes the method of e's struct that calls method fd of the
// embedded field.
func (c *compiler) forwarder(e embedded, fd *ast.FuncDecl) (string, bool) {
	recv := fd.Recv.List[0].Type
	ptr := false
	if s, ok := recv.(*ast.StarExpr); ok {
		recv, ptr = s.X, true
	}
	_, rargs := instance(recv) // none for a plain type
	if len(rargs) != len(e.args) {
		return "", false
	}
	bound := map[string]string{}
	for i, a := range rargs {
		id, ok := a.(*ast.Ident)
		if !ok {
			return "", false
		}
		bound[id.Name] = e.args[i]
	}
	params, results, variadic, ok := c.signature(fd, bound)
	if !ok {
		return "", false
	}
	f := forwarding(params, results, variadic)
	star := ""
	if ptr {
		star = "*"
	}
	return fmt.Sprintf("func (s %s%s) %s(%s)%s { %ss.%s.%s(%s) }", star, c.env.Rename(e.strct), fd.Name.Name,
		strings.Join(f.decl, ", "), f.results, f.ret, c.env.Rename(e.field), fd.Name.Name, f.args), true
}

// methodSources returns the declarations of the methods of the cells'
// type t: this cell's and earlier cells'.
func (c *compiler) methodSources(t string) []string {
	var out []string
	for k, src := range c.sources {
		if strings.HasPrefix(k, t+".") {
			out = append(out, src)
		}
	}
	for _, src := range c.env.Methods(t) {
		if !slices.Contains(out, src) {
			out = append(out, src)
		}
	}
	slices.Sort(out)
	return out
}

// methodsNamed returns the declarations of the methods of the cells' type t
// (see methodSources) that have one of names.
func (c *compiler) methodsNamed(t string, names ...string) []*ast.FuncDecl {
	return slices.DeleteFunc(c.methodDecls(t), func(fd *ast.FuncDecl) bool { return !slices.Contains(names, fd.Name.Name) })
}

// noteEmbeds notes the types of the cells (instances of generic types
// among them) that the struct type spec embeds.
func (c *compiler) noteEmbeds(fset *token.FileSet, spec *ast.TypeSpec) {
	st, ok := spec.Type.(*ast.StructType)
	if !ok || spec.TypeParams != nil {
		return
	}
	for _, f := range st.Fields.List {
		if len(f.Names) != 0 {
			continue
		}
		t := f.Type
		if s, ok := t.(*ast.StarExpr); ok {
			t = s.X
		}
		base, args := instance(t)
		if base == nil {
			base = t
		}
		id, ok := base.(*ast.Ident)
		if !ok || id.Obj == nil && len(args) == 0 && !c.localDefs[id.Name] && !c.env.Defined(id.Name) {
			continue // not one of the cells' types
		}
		var texts []string
		for _, a := range args {
			texts = append(texts, c.src[offsetIn(fset, a.Pos(), len("package p;")):offsetIn(fset, a.End(), len("package p;"))])
		}
		c.embeds = append(c.embeds, embedded{spec.Name.Name, id.Name, texts})
	}
}

// embeddedField points id, a selected field or a struct literal's key, at
// the current version of the cells' type it names (Base__2), when a
// struct of the cells embeds that type: a redefined type gets a name of
// its own in the interpreter, and the field embedding it takes that name
// (d.Base was "undefined selector" once the cell declaring Base and
// Derived ran again). Not when a type of the cells has a field or method
// of that name, which id may be.
func (c *compiler) embeddedField(id *ast.Ident, off func(token.Pos) int) {
	r := c.env.Rename(id.Name)
	if r == id.Name || !c.embedsOnly(id.Name) {
		return
	}
	c.edits = append(c.edits, edit{off(id.Pos()), off(id.End()), r})
}

// embedsOnly reports whether a struct type of the cells embeds the type
// name, and none has a field or method of that name.
func (c *compiler) embedsOnly(name string) bool {
	embeds := false
	for _, typ := range c.allTypes() {
		spec := c.cellTypeDecl(typ)
		if spec == nil {
			continue
		}
		if st, ok := spec.Type.(*ast.StructType); ok && st.Fields != nil {
			for _, f := range st.Fields.List {
				if len(f.Names) == 0 {
					if embeddedName(f.Type) == name {
						if qualified(f.Type) {
							return false // time.Duration's field, not the cells' Duration
						}
						embeds = true
					}
					continue
				}
				for _, n := range f.Names {
					if n.Name == name {
						return false
					}
				}
			}
		}
		if len(c.methodsNamed(typ, name)) > 0 {
			return false
		}
	}
	return embeds
}

// embeddedName returns the name of the type of an embedded field (T, *T,
// T[int], pkg.T), which is the field's name.
func embeddedName(t ast.Expr) string {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	if s, ok := t.(*ast.SelectorExpr); ok {
		t = s.Sel
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// qualified reports whether the type of an embedded field is a package's
// (pkg.T, *pkg.T).
func qualified(t ast.Expr) bool {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if base, _ := instance(t); base != nil {
		t = base
	}
	_, ok := t.(*ast.SelectorExpr)
	return ok
}

// genMethod is a method of a generic type: the type, and the methods of
// that type its body calls on its receiver.
type genMethod struct {
	typ, name string
	calls     []string
}

// genericMethod returns d as a genMethod if its receiver is an instance
// of a generic type (s *Cache[K, V]).
func genericMethod(d *ast.FuncDecl) (genMethod, bool) {
	field := d.Recv.List[0]
	t := field.Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
	default:
		return genMethod{}, false
	}
	m := genMethod{typ: recvName(field.Type), name: d.Name.Name}
	if len(field.Names) != 1 || d.Body == nil {
		return m, true
	}
	recv := field.Names[0].Name
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == recv && !slices.Contains(m.calls, sel.Sel.Name) {
				m.calls = append(m.calls, sel.Sel.Name)
			}
		}
		return true
	})
	return m, true
}

// calleesFirst returns units, a group of declarations, as parts to compile
// in order, when a method of a generic type in it uses a method of that
// type declared after it; else nil. yaegi instantiates a generic type's
// methods in the order they were declared, each compiled as it comes, so
// a method using a later one failed ("undefined selector: evict"). The
// methods of generic types go first, callees before their callers, each
// run of them in source order one part (a part keeps its units' places in
// the cell, for positions in messages); the other declarations follow as
// one part. Methods that use each other both ways stay in source order:
// yaegi cannot instantiate them.
func (c *compiler) calleesFirst(units []Unit) [][]Unit {
	var methods, others []Unit
	declared := map[string]int{} // Type.method: its index in methods
	for _, u := range units {
		if m, ok := c.genMethods[u.Start]; ok {
			declared[m.typ+"."+m.name] = len(methods)
			methods = append(methods, u)
		} else {
			others = append(others, u)
		}
	}
	// after[i]: the methods declared after method i that it uses.
	after := make([][]int, len(methods))
	needed := false
	for i, u := range methods {
		m := c.genMethods[u.Start]
		for _, callee := range m.calls {
			if j, ok := declared[m.typ+"."+callee]; ok && j > i {
				after[i] = append(after[i], j)
				needed = true
			}
		}
	}
	if !needed {
		return nil
	}
	// Depth-first, callees first; a cycle keeps the order it is met in.
	state := make([]int, len(methods)) // 0 new, 1 visiting, 2 done
	var order []int
	var visit func(i int)
	visit = func(i int) {
		if state[i] != 0 {
			return
		}
		state[i] = 1
		for _, j := range after[i] {
			visit(j)
		}
		state[i] = 2
		order = append(order, i)
	}
	for i := range methods {
		visit(i)
	}
	var parts [][]Unit
	for k, i := range order {
		if k > 0 && i > order[k-1] {
			parts[len(parts)-1] = append(parts[len(parts)-1], methods[i])
			continue
		}
		parts = append(parts, []Unit{methods[i]})
	}
	if len(others) > 0 {
		parts = append(parts, others)
	}
	return parts
}
