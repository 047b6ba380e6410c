package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// yaegi keeps the cases of a select statement in one slice per statement,
// not per run of it: two goroutines in the same select (two calls of one
// producer, a worker pool, a fan-in) set each other's channels and values
// in it. A value one goroutine received or sent was now and then another
// goroutine's: one reading lost, another counted twice. selects makes
// every select a call of a compiled helper with cases of its own, and a
// switch on the case it chose:
//
//	select {                      { s0 := out; v0 := s0; SelectBuffer(&v0); v0 <- r
//	case out <- r:                  s1 := in; s2 := ctx.Done()
//		sent()                      switch Select("svr", &s0, &v0, &s1, &s2) {
//	case v, ok := <-in:     ->      case 0: sent()
//		got(v, ok)                  case 1: v, ok := <-s1; got(v, ok)
//	case <-ctx.Done():              case 2: return
//		return                      default: idle()
//	default:                        }
//		idle()                    }
//	}
//
// The channels and the values sent are evaluated first, once, in source
// order, as Go does entering a select. The types stay the interpreter's:
// a value to send goes through a buffered channel of the channel's type
// (v0), so the interpreter converts it as a send does, and a value
// received comes back in one (s1 is replaced by it), so the case's
// receive defines or assigns its variables as written. A labeled select
// keeps its label on the switch. A select without cases stays.
func (c *compiler) selects(n *ast.SelectStmt, labeled *ast.LabeledStmt, off func(token.Pos) int) {
	if !plainComms(n) {
		return
	}
	start := off(n.Pos())
	if labeled != nil {
		start = off(labeled.Pos())
	}
	var dirs strings.Builder
	var args []string
	// copyInto evaluates e into the temporary name, before the select.
	// A receive's channel (recv): what ends after it wraps the receive
	// (_fountain_err(<-ch)). kept: the receive stays, from name.
	copyInto := func(e ast.Expr, name, text string, recv, kept bool) {
		from, to := off(e.Pos()), off(e.End())
		c.copies = append(c.copies, copyEdit{off: start, from: from, to: to, text: text, suffix: "; ", flat: true, openEnd: recv, replaced: kept})
		if kept {
			c.edits = append([]edit{{from, to, name + newlines(c.src[from:to])}}, c.edits...)
		}
	}
	// header replaces the clause's header from its keyword up to where
	// the text kept begins.
	header := func(cc *ast.CommClause, end int, text string) {
		from := off(cc.Case)
		c.edits = append(c.edits, edit{from, end, text + newlines(c.src[from:end])})
	}
	for _, cl := range n.Body.List {
		cc := cl.(*ast.CommClause)
		if cc.Comm == nil {
			dirs.WriteByte('d') // default: stays, the helper returns -1 for it
			continue
		}
		i := dirs.Len()
		ch := fmt.Sprintf("%ssc%d", helperPrefix, off(cc.Pos()))
		caseI := fmt.Sprintf("case %d:", i)
		switch comm := cc.Comm.(type) {
		case *ast.SendStmt:
			v := fmt.Sprintf("%ssv%d", helperPrefix, off(cc.Pos()))
			copyInto(comm.Chan, ch, ch+" := ", false, false)
			copyInto(comm.Value, v, fmt.Sprintf("%s := %s; %s(&%s); %s <- ", v, ch, HelperSelectBuffer, v, v), false, false)
			header(cc, off(cc.Colon)+1, caseI)
			dirs.WriteByte('s')
			args = append(args, "&"+ch, "&"+v)
		case *ast.ExprStmt:
			// case <-ch: the value is not kept.
			copyInto(ast.Unparen(comm.X).(*ast.UnaryExpr).X, ch, ch+" := ", true, false)
			header(cc, off(cc.Colon)+1, caseI)
			dirs.WriteByte('r')
			args = append(args, "&"+ch)
		case *ast.AssignStmt:
			// case v, ok := <-ch (or =, see selectAssign): the receive
			// stays, from the channel the helper hands the value in.
			copyInto(ast.Unparen(comm.Rhs[0]).(*ast.UnaryExpr).X, ch, ch+" := ", true, true)
			header(cc, off(cc.Case)+len("case"), caseI)
			c.edits = append(c.edits, edit{off(cc.Colon), off(cc.Colon) + 1, ";"})
			dirs.WriteByte('v')
			args = append(args, "&"+ch)
		}
	}
	if len(args) == 0 {
		return // a select with a default alone
	}
	c.edits = append(c.edits, edit{start, start, "{ "},
		edit{off(n.Select), off(n.Body.Lbrace) + 1, fmt.Sprintf("switch %s(%q, %s) {", HelperSelect, dirs.String(), strings.Join(args, ", ")) + newlines(c.src[off(n.Select):off(n.Body.Lbrace)])},
		edit{off(n.End()), off(n.End()), " }"})
}

// plainComms reports whether n has cases and each is a send, a receive or
// the default, as the parser allows (it takes any expression there).
func plainComms(n *ast.SelectStmt) bool {
	if len(n.Body.List) == 0 {
		return false
	}
	isRecv := func(e ast.Expr) bool {
		u, ok := ast.Unparen(e).(*ast.UnaryExpr)
		return ok && u.Op == token.ARROW
	}
	for _, cl := range n.Body.List {
		cc, ok := cl.(*ast.CommClause)
		if !ok {
			return false
		}
		switch comm := cc.Comm.(type) {
		case nil, *ast.SendStmt:
		case *ast.ExprStmt:
			if !isRecv(comm.X) {
				return false
			}
		case *ast.AssignStmt:
			if len(comm.Rhs) != 1 || !isRecv(comm.Rhs[0]) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
