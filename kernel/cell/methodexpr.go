package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// methodExpr rewrites a method expression (T.M, (*T).M, time.Time.Before)
// as the func literal it stands for:
//
//	time.Time.Before  ->  func(r time.Time, a0 time.Time) bool { return r.Before(a0) }
//
// yaegi gets method expressions wrong: the value has the method's type
// without the receiver, and a call fails ("too many arguments"). The
// signature comes from the method's declaration for the cells' types and
// from the evaluator for compiled ones. It runs once the whole cell is
// read.
func (c *compiler) methodExpr(n *ast.SelectorExpr, off func(token.Pos) int) {
	recv, ptr := n.X, false
	if p, ok := recv.(*ast.ParenExpr); ok {
		s, ok := p.X.(*ast.StarExpr)
		if !ok {
			return
		}
		recv, ptr = s.X, true
	}
	var (
		recvText          string
		params, results   []string
		variadic, ok      bool
		method            = n.Sel.Name
		pkgName, typeName string
	)
	switch x := recv.(type) {
	case *ast.Ident:
		// A type of the cells.
		if x.Obj != nil && x.Obj.Kind != ast.Typ || c.typeSpec(x.Name) == nil {
			return
		}
		params, results, variadic, ok = c.methodSig(x.Name, method)
		recvText = c.env.Rename(x.Name)
	case *ast.SelectorExpr:
		pkg, isPkg := x.X.(*ast.Ident)
		if !isPkg || pkg.Obj != nil {
			return
		}
		p := c.importPath(pkg.Name)
		if p == "" {
			return
		}
		pkgName, typeName = pkg.Name, x.Sel.Name
		params, results, variadic, ok = c.env.MethodSig(p, typeName, method, ptr)
		recvText = pkgName + "." + typeName
	default:
		return
	}
	if !ok {
		return
	}
	if ptr {
		recvText = "*" + recvText
	}
	f := forwarding(params, results, variadic)
	text := fmt.Sprintf("func(r %s%s)%s { %sr.%s(%s) }", recvText, strings.Join(append([]string{""}, f.decl...), ", "), f.results, f.ret, method, f.args)
	c.typeSelectors(append(append(params, results...), recvText))
	c.edits = append(c.edits, edit{off(n.Pos()), off(n.End()), text + newlines(c.src[off(n.Pos()):off(n.End())])})
}

// forward is a func that passes its parameters on to a call: its
// parameter declarations (a0 T0, ...), the call's arguments ("a0, a1..."),
// its results as written after the parameters, and "return " if any.
type forward struct {
	decl               []string
	args, results, ret string
}

// forwarding writes a forward of the parameter and result types given
// (the last parameter, if variadic, as a slice type).
func forwarding(params, results []string, variadic bool) forward {
	var f forward
	var args []string
	for i, p := range params {
		name := fmt.Sprintf("a%d", i)
		if variadic && i == len(params)-1 {
			f.decl, args = append(f.decl, name+" ..."+strings.TrimPrefix(p, "[]")), append(args, name+"...")
			continue
		}
		f.decl, args = append(f.decl, name+" "+p), append(args, name)
	}
	f.args = strings.Join(args, ", ")
	switch len(results) {
	case 0:
	case 1:
		f.results, f.ret = " "+results[0], "return "
	default:
		f.results, f.ret = " ("+strings.Join(results, ", ")+")", "return "
	}
	return f
}

// methodSig returns the parameter and result types of method m of the
// cells' type t (declared, or in t's interface type), as the cells would
// write them now.
func (c *compiler) methodSig(t, m string) (params, results []string, variadic, ok bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+c.declSource(t+"."+m), 0)
	if err != nil {
		return nil, nil, false, false
	}
	for _, d := range f.Decls {
		fd, isFunc := d.(*ast.FuncDecl)
		if !isFunc || fd.Recv == nil || fd.Name.Name != m || len(recvTypeParams(fd)) > 0 {
			continue
		}
		return c.signature(fd, nil)
	}
	// A method of an interface of the cells (Shape.Name).
	if it := c.cellInterface(t); it != nil {
		for _, m2 := range c.interfaceMethods(it, 0) {
			if ft, isFunc := m2.Type.(*ast.FuncType); isFunc && m2.Names[0].Name == m {
				return c.signature(&ast.FuncDecl{Name: m2.Names[0], Type: ft}, nil)
			}
		}
	}
	return nil, nil, false, false
}

// signature returns the parameter and result types of fd, with the type
// parameters in bound replaced, as the cells would write them now; a
// variadic parameter last, as a slice type.
func (c *compiler) signature(fd *ast.FuncDecl, bound map[string]string) (params, results []string, variadic, ok bool) {
	text := func(e ast.Expr) (string, bool) {
		if bound == nil {
			return c.current(types.ExprString(e)), true
		}
		s, ok := substitute(e, bound, true)
		return c.current(s), ok
	}
	for _, p := range fieldTypes(fd.Type.Params) {
		t := p
		if e, isEll := p.(*ast.Ellipsis); isEll {
			t, variadic = e.Elt, true
		}
		s, ok := text(t)
		if !ok {
			return nil, nil, false, false
		}
		if t != p {
			s = "[]" + s
		}
		params = append(params, s)
	}
	for _, r := range fieldTypes(fd.Type.Results) {
		s, ok := text(r)
		if !ok {
			return nil, nil, false, false
		}
		results = append(results, s)
	}
	return params, results, variadic, true
}

// bindMethodValues binds the receiver of a method value where the value is
// made, as Go does:
//
//	c.Get  ->  func(r T) func() int { return r.Get }(c)
//
// for c of the cells' type T and a value-receiver method (yaegi's f :=
// c.Get read c when f ran, so that changing c afterwards changed f's
// result); for p of type *T, the same with *p (p.Get copies *p in Go);
// and for a variable of one of the cells' interface types, the interface
// value (yaegi's compiler crashed on g.Greet among a cell's statements,
// "index out of range [0] with length 0").
func (c *compiler) bindMethodValues(f *ast.File, off func(token.Pos) int) {
	called := map[ast.Expr]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			called[ast.Unparen(n.Fun)] = true
		case *ast.SelectorExpr:
			if !called[n] {
				c.bindMethodValue(n, off)
			}
		}
		return true
	})
}

func (c *compiler) bindMethodValue(n *ast.SelectorExpr, off func(token.Pos) int) {
	// The receiver: a variable, or a pointer variable dereferenced.
	x := ast.Unparen(n.X)
	deref := false
	if st, ok := x.(*ast.StarExpr); ok {
		x, deref = ast.Unparen(st.X), true
	}
	id, ok := x.(*ast.Ident)
	if !ok || id.Obj != nil && id.Obj.Kind != ast.Var || id.Obj == nil && !c.userDefined(id.Name) {
		return
	}
	t := c.spelledType(id, 0)
	ptr := strings.HasPrefix(t, "*")
	if deref && !ptr {
		return
	}
	tid, ok := parseIdent(strings.TrimPrefix(t, "*"))
	if !ok {
		return
	}
	spec := c.cellTypeDecl(tid)
	if spec == nil || spec.TypeParams != nil {
		return
	}
	var params, results []string
	var variadic bool
	arg := "" // what goes before the receiver as written
	if it, iface := spec.Type.(*ast.InterfaceType); iface {
		if ptr {
			return
		}
		if params, results, variadic, ok = c.interfaceMethodSig(it, n.Sel.Name); !ok {
			return
		}
	} else {
		fds := c.methodsNamed(tid, n.Sel.Name)
		if len(fds) != 1 {
			return
		}
		if _, ptrRecv := fds[0].Recv.List[0].Type.(*ast.StarExpr); ptrRecv || len(recvTypeParams(fds[0])) > 0 {
			return // a pointer receiver reads the variable itself, as in Go
		}
		if params, results, variadic, ok = c.methodSig(tid, n.Sel.Name); !ok {
			return
		}
		if ptr && !deref {
			arg = "*"
		}
	}
	if variadic && len(params) > 0 {
		params[len(params)-1] = "..." + strings.TrimPrefix(params[len(params)-1], "[]")
	}
	ft := "func(" + strings.Join(params, ", ") + ")" + forwarding(nil, results, false).results
	r := helperPrefix + "r"
	c.edits = append(c.edits, edit{off(n.Pos()), off(n.Pos()), "func(" + r + " " + c.current(tid) + ") " + ft + " { return " + r + "." + n.Sel.Name + " }(" + arg},
		edit{off(n.X.End()), off(n.End()), ")"})
}

// interfaceMethodSig returns the parameter and result types of the method
// m of the interface type it, as methodSig does for a type's method.
func (c *compiler) interfaceMethodSig(it *ast.InterfaceType, m string) (params, results []string, variadic, ok bool) {
	for _, f := range c.interfaceMethods(it, 0) {
		ft := f.Type.(*ast.FuncType)
		if f.Names[0].Name != m {
			continue
		}
		return c.signature(&ast.FuncDecl{Type: ft}, nil)
	}
	return nil, nil, false, false
}

// parseIdent returns the name type text t is, if it is a plain name.
func parseIdent(t string) (string, bool) {
	x, err := parser.ParseExpr(t)
	if err != nil {
		return "", false
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return "", false
	}
	return id.Name, true
}
