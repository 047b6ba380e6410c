package cell

import (
	"go/ast"
	"go/constant"
	"go/token"
	"strings"
)

// minMax rewrites a call of the builtin min or max, which yaegi lacks, as
// nested calls of the two-argument helper:
//
//	min(a, b, c)  ->  M(M(a, b), c)
//
// The numeric constants among the arguments are folded into one first, put
// last, as Go folds them (a constant has no side effect to keep in order):
// yaegi typed a call of constants alone "untyped int", so min(2, 1, f) of
// a float64 f failed, and x := min(3, 1, 2) did not compile. A call of
// constants alone is the constant:
//
//	min(2, 1, f)  ->  M(f, 1)
//	min(3, 1, 2)  ->  (1)
func (c *compiler) minMax(n *ast.CallExpr, helper string, off func(token.Pos) int) {
	var folded constant.Value
	var text string
	isFloat := false
	literal := make([]bool, len(n.Args))
	var kept []int // the other arguments, by index
	for i, a := range n.Args {
		v, t, ok := numericConst(a)
		if !ok {
			kept = append(kept, i)
			continue
		}
		literal[i] = true
		isFloat = isFloat || v.Kind() == constant.Float
		op := token.LSS
		if helper == HelperMax {
			op = token.GTR
		}
		if folded == nil || constant.Compare(v, op, folded) {
			folded, text = v, t
		}
	}
	if folded != nil && isFloat && folded.Kind() == constant.Int && strings.Trim(strings.TrimLeft(text, "+-"), "0123456789") == "" {
		text += ".0" // the constant is of the arguments' largest kind
	}
	if len(kept) == 0 {
		c.edits = append(c.edits, edit{off(n.Pos()), off(n.End()), "(" + text + ")" + newlines(c.src[off(n.Pos()):off(n.End())])})
		return
	}
	operands := len(kept)
	if folded != nil {
		operands++
	}
	repl := strings.Repeat(helper+"(", max(operands-2, 0)) + helper
	if operands == 1 {
		repl = ""
	}
	c.edits = append(c.edits, edit{off(n.Fun.Pos()), off(n.Fun.End()), repl})
	// Literals go with the comma after them; those after the last kept
	// argument with the comma before them.
	last := kept[len(kept)-1]
	for i := range last {
		if literal[i] {
			from, to := off(n.Args[i].Pos()), off(n.Args[i+1].Pos())
			c.edits = append(c.edits, edit{from, to, newlines(c.src[from:to])})
		}
	}
	end := off(n.Args[last].End())
	trailing := last < len(n.Args)-1
	if trailing {
		// Up to the parenthesis, and a comma after the constant: a line
		// break kept after it would end the statement there.
		to := off(n.Rparen)
		c.edits = append(c.edits, edit{end, to, ", " + text + "," + newlines(c.src[end:to])})
	}
	// Close the inner calls after the second operand on.
	for j := 1; j < len(kept); j++ {
		if j < operands-1 {
			at := off(n.Args[kept[j]].End())
			c.edits = append(c.edits, edit{at, at, ")"})
		}
	}
	if folded != nil && !trailing {
		c.edits = append(c.edits, edit{end, end, ", " + text})
	}
}

// numericConst returns the value and source of e if it is a numeric
// literal, or one with a sign.
func numericConst(e ast.Expr) (constant.Value, string, bool) {
	e = ast.Unparen(e)
	sign := ""
	if u, ok := e.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
		sign, e = u.Op.String(), ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.INT && lit.Kind != token.FLOAT {
		return nil, "", false
	}
	v := constant.MakeFromLiteral(lit.Value, lit.Kind, 0)
	if v.Kind() == constant.Unknown {
		return nil, "", false
	}
	if sign == "-" {
		v = constant.UnaryOp(token.SUB, v, 0)
	}
	return v, sign + lit.Value, true
}
