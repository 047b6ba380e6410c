// Package cell is the front end of the evaluator: it reads a notebook cell of
// Go, which may mix imports, declarations and statements in any order, and
// turns it into the chunks the interpreter runs, with the rewrites that give
// cells the semantics a Go programmer expects (see Compile).
package cell

import (
	"fmt"
	"go/scanner"
	"go/token"
)

// Kind tells what a top-level unit of a cell is.
type Kind int

// The kinds of unit.
const (
	Import Kind = iota // import "x" or import ( ... )
	Decl               // func, method, type, var or const declaration
	Stmt               // anything else: statements run in order
)

// String names the kind.
func (k Kind) String() string {
	return [...]string{"import", "decl", "stmt"}[k]
}

// Unit is one top-level piece of a cell.
type Unit struct {
	Kind       Kind
	Start, End int // byte offsets in the cell source
}

type tok struct {
	off int
	t   token.Token
	lit string
}

// Split cuts src into top-level units at semicolons (explicit or automatic)
// outside any brackets. It reports a scanner error with its cell position.
func Split(src string) ([]Unit, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)

	var units []Unit
	var cur []tok
	depth := 0
	flush := func(end int) {
		if len(cur) == 0 {
			return
		}
		units = append(units, Unit{Kind: classify(cur[0].t, cur), Start: cur[0].off, End: end})
		cur = cur[:0]
	}
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch t {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		case token.SEMICOLON:
			if depth == 0 {
				end := off
				if lit == ";" {
					end++
				}
				flush(end)
				continue
			}
		}
		cur = append(cur, tok{off, t, lit})
	}
	flush(len(src))
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if depth != 0 {
		return units, fmt.Errorf("unbalanced brackets")
	}
	return units, nil
}

// classify decides a unit's kind from its leading tokens. A func keyword
// starts a declaration when a name, or a receiver and then a name and its
// parameters, follows; otherwise it begins a function literal in a
// statement.
func classify(first token.Token, toks []tok) Kind {
	switch first {
	case token.IMPORT:
		return Import
	case token.TYPE, token.VAR, token.CONST:
		return Decl
	case token.FUNC:
		if len(toks) > 1 && toks[1].t == token.IDENT {
			return Decl
		}
		if len(toks) > 1 && toks[1].t == token.LPAREN {
			d := 0
			for i := 1; i < len(toks); i++ {
				switch toks[i].t {
				case token.LPAREN:
					d++
				case token.RPAREN:
					d--
					if d == 0 {
						// A method's name and its parameters; a func
						// literal's result type (func() int { ... }()) is
						// no name followed by a parenthesis.
						return declIf(i+2 < len(toks) && toks[i+1].t == token.IDENT && toks[i+2].t == token.LPAREN)
					}
				}
			}
		}
	}
	return Stmt
}

func declIf(b bool) Kind {
	if b {
		return Decl
	}
	return Stmt
}
