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
	var decl, args []string
	for i, p := range params {
		name := fmt.Sprintf("a%d", i)
		if variadic && i == len(params)-1 {
			decl = append(decl, name+" ..."+strings.TrimPrefix(p, "[]"))
			args = append(args, name+"...")
			continue
		}
		decl = append(decl, name+" "+p)
		args = append(args, name)
	}
	res := ""
	switch len(results) {
	case 0:
	case 1:
		res = " " + results[0]
	default:
		res = " (" + strings.Join(results, ", ") + ")"
	}
	ret := "return "
	if len(results) == 0 {
		ret = ""
	}
	text := fmt.Sprintf("func(r %s%s)%s { %sr.%s(%s) }", recvText, strings.Join(append([]string{""}, decl...), ", "), res, ret, method, strings.Join(args, ", "))
	c.typeSelectors(append(append(params, results...), recvText))
	c.edits = append(c.edits, edit{off(n.Pos()), off(n.End()), text + newlines(c.src[off(n.Pos()):off(n.End())])})
}

// methodSig returns the parameter and result types of method m of the
// cells' type t, as the cells would write them now.
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
		text := func(e ast.Expr) string { return c.current(types.ExprString(e)) }
		for _, p := range fd.Type.Params.List {
			for range max(len(p.Names), 1) {
				if e, isEll := p.Type.(*ast.Ellipsis); isEll {
					params, variadic = append(params, "[]"+text(e.Elt)), true
				} else {
					params = append(params, text(p.Type))
				}
			}
		}
		for _, r := range fieldTypes(fd.Type.Results) {
			results = append(results, text(r))
		}
		return params, results, variadic, true
	}
	return nil, nil, false, false
}
