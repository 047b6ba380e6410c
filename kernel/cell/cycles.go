package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// genericSpec is a generic type declaration the cell makes, with where it is.
type genericSpec struct {
	spec *ast.TypeSpec
	off  int // of its name, in the cell
}

// checkGenericCycles refuses generic types that yaegi cannot instantiate:
// it expands a generic type's fields as it instantiates it, and stops only
// at a reference of a type to itself with one index (selfReferences makes
// those of a type to itself with all its type parameters). Others (two
// generic types referring to each other, a type to itself with other type
// arguments) recurse until the stack overflows, which ends the process:
// the cell must fail before that.
func (c *compiler) checkGenericCycles() error {
	for _, name := range c.types {
		g, ok := c.genericSpecs[name]
		if !ok {
			continue
		}
		if path := c.genericCycle(name, name, map[string]bool{}); path != nil {
			line, col := position(c.src, g.off)
			msg := fmt.Sprintf("%s refers to itself with type arguments other than its type parameters: the interpreter cannot instantiate that (it would crash); "+
				"make the recursive field non-generic", name)
			if len(path) > 1 {
				msg = fmt.Sprintf("generic types %s refer to each other: the interpreter cannot instantiate that (it would crash); "+
					"declare them as one type, or make one reference non-generic", strings.Join(path, " -> "))
			}
			return &Error{Line: line, Col: col, Msg: msg}
		}
	}
	return nil
}

// genericCycle returns the generic types on a path of references from
// from back to root, or nil. The single case yaegi handles, a
// one-parameter type's reference to itself, is no cycle.
func (c *compiler) genericCycle(root, from string, seen map[string]bool) []string {
	spec := c.genericSpec(from)
	if spec == nil || seen[from] {
		return nil
	}
	seen[from] = true
	for _, ref := range genericRefs(spec) {
		if ref.name == from && ref.same {
			continue // yaegi's own case, or made it (selfReferences)
		}
		if ref.name == root && from == root {
			return []string{root}
		}
		if ref.name == root {
			return []string{from, root}
		}
		if path := c.genericCycle(root, ref.name, seen); path != nil {
			return append([]string{from}, path...)
		}
	}
	return nil
}

// genericSpec returns the declaration of the generic type name: the
// cell's own, or an earlier cell's.
func (c *compiler) genericSpec(name string) *ast.TypeSpec {
	if g, ok := c.genericSpecs[name]; ok {
		return g.spec
	}
	if c.localDefs[name] {
		return nil // the cell declares it, not as a generic type
	}
	if ts := c.typeSpec(name); ts != nil && ts.TypeParams != nil {
		return ts
	}
	return nil
}

type genericRef struct {
	name string
	same bool // its type arguments are spec's type parameters, in order
	n    *ast.IndexListExpr
}

// genericRefs lists the instantiations of named types in spec's type.
func genericRefs(spec *ast.TypeSpec) []genericRef {
	params := typeParamNames(spec)
	same := func(args []ast.Expr) bool {
		if len(args) != len(params) {
			return false
		}
		for i, a := range args {
			if id, ok := a.(*ast.Ident); !ok || id.Name != params[i] {
				return false
			}
		}
		return true
	}
	var out []genericRef
	ast.Inspect(spec.Type, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				out = append(out, genericRef{name: id.Name, same: same([]ast.Expr{n.Index})})
			}
		case *ast.IndexListExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				out = append(out, genericRef{name: id.Name, same: same(n.Indices), n: n})
			}
		}
		return true
	})
	return out
}

// selfReferences writes a generic type's references to itself with all
// its type parameters (left, right *Tree[K, V]) with the first one only
// (*Tree[K]). yaegi instantiates a one-index reference of a type to itself
// as the instance being made, whatever the index says, and expands one of
// more indices without end; the type and the code using it are unchanged.
func (c *compiler) selfReferences(fset *token.FileSet, spec *ast.TypeSpec) {
	for _, ref := range genericRefs(spec) {
		if ref.n == nil || !ref.same || ref.name != spec.Name.Name {
			continue
		}
		from := offsetIn(fset, ref.n.Indices[0].End(), len("package p;"))
		to := offsetIn(fset, ref.n.Rbrack, len("package p;"))
		c.edits = append(c.edits, edit{from, to, newlines(c.src[from:to])})
	}
}

func typeParamNames(spec *ast.TypeSpec) []string {
	var out []string
	if spec.TypeParams == nil {
		return nil
	}
	for _, f := range spec.TypeParams.List {
		for _, n := range f.Names {
			out = append(out, n.Name)
		}
	}
	return out
}

// instantiationCycle reports, as Go does, a method of a generic type that
// names the type over a type built from its own type parameters
// (Result[[]T] in a method of Result[T]), and a generic func that calls
// itself so (F[[]T]()): each instance would need another, without end.
// yaegi went on instantiating them for ever, and the cell never ended.
func (c *compiler) instantiationCycle(fset *token.FileSet, fd *ast.FuncDecl) {
	params, self := recvTypeParams(fd), ""
	if len(params) > 0 {
		self = recvName(fd.Recv.List[0].Type)
	} else if fd.Recv == nil && fd.Type.TypeParams != nil {
		params, self = funcTypeParams(fd), fd.Name.Name
	}
	if self == "" {
		return
	}
	ast.Inspect(fd, func(n ast.Node) bool {
		base, args := instance(asExpr(n))
		id, ok := base.(*ast.Ident)
		if !ok || id.Name != self {
			return true
		}
		for _, a := range args {
			if _, plain := a.(*ast.Ident); plain || !mentions(a, params) {
				continue
			}
			name := ""
			ast.Inspect(a, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && params[id.Name] && name == "" {
					name = id.Name
				}
				return name == ""
			})
			c.fail(offsetIn(fset, a.Pos(), len("package p;")), fmt.Sprintf("instantiation cycle: %s instantiated as %s", name, types.ExprString(a)))
			return false
		}
		return true
	})
}
