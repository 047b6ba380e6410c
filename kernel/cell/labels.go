package cell

import (
	"go/ast"
	"go/token"
)

// yaegi does not break out of a labeled loop from inside a select:
//
//	loop:
//	for {
//		select {
//		case v := <-ch: ...
//		case <-done: break loop
//		}
//	}
//
// went round the loop for ever. A goto out of the select works, so such a
// break becomes a goto to a label right after the labeled statement.
func (c *compiler) selectBreaks(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	ended := map[*ast.LabeledStmt]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		b, ok := n.(*ast.BranchStmt)
		if !ok || b.Tok != token.BREAK || b.Label == nil {
			return true
		}
		inSelect := false
		for p := parent[b]; p != nil; p = parent[p] {
			switch p := p.(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				return true
			case *ast.SelectStmt:
				inSelect = true
			case *ast.LabeledStmt:
				if p.Label.Name != b.Label.Name {
					continue
				}
				if !inSelect {
					return true
				}
				end := helperPrefix + "brk_" + b.Label.Name
				c.edits = append(c.edits, edit{off(b.Pos()), off(b.End()), "goto " + end})
				if !ended[p] {
					ended[p] = true
					c.edits = append(c.edits, edit{off(p.End()), off(p.End()), "; " + end + ": ;"})
				}
				return true
			}
		}
		return true
	})
}
