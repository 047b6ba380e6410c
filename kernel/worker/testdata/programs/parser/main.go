// A recursive-descent parser for arithmetic, with an AST of interfaces.
package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

type Node interface {
	Eval(env map[string]float64) (float64, error)
	String() string
}

type Num float64
type Var string
type BinOp struct {
	Op   byte
	L, R Node
}
type Neg struct{ X Node }

func (n Num) Eval(map[string]float64) (float64, error) { return float64(n), nil }
func (n Num) String() string                           { return strconv.FormatFloat(float64(n), 'g', -1, 64) }
func (v Var) Eval(env map[string]float64) (float64, error) {
	x, ok := env[string(v)]
	if !ok {
		return 0, fmt.Errorf("undefined: %s", string(v))
	}
	return x, nil
}
func (v Var) String() string { return string(v) }
func (b *BinOp) Eval(env map[string]float64) (float64, error) {
	l, err := b.L.Eval(env)
	if err != nil {
		return 0, err
	}
	r, err := b.R.Eval(env)
	if err != nil {
		return 0, err
	}
	switch b.Op {
	case '+':
		return l + r, nil
	case '-':
		return l - r, nil
	case '*':
		return l * r, nil
	case '/':
		if r == 0 {
			return 0, fmt.Errorf("division by zero in %v", b)
		}
		return l / r, nil
	}
	return 0, fmt.Errorf("bad op %c", b.Op)
}
func (b *BinOp) String() string {
	return "(" + b.L.String() + " " + string(b.Op) + " " + b.R.String() + ")"
}
func (n Neg) Eval(env map[string]float64) (float64, error) {
	x, err := n.X.Eval(env)
	return -x, err
}
func (n Neg) String() string { return "-" + n.X.String() }

// cell

type parser struct {
	toks []string
	pos  int
}

type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("syntax error at %d: %s", e.Pos, e.Msg) }

func lex(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := rune(s[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case unicode.IsDigit(c) || c == '.':
			j := i
			for j < len(s) && (unicode.IsDigit(rune(s[j])) || s[j] == '.') {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case unicode.IsLetter(c):
			j := i
			for j < len(s) && unicode.IsLetter(rune(s[j])) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			toks = append(toks, string(c))
			i++
		}
	}
	return toks
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *parser) next() string { t := p.peek(); p.pos++; return t }

func (p *parser) expr() (Node, error) {
	l, err := p.term()
	if err != nil {
		return nil, err
	}
	for p.peek() == "+" || p.peek() == "-" {
		op := p.next()[0]
		r, err := p.term()
		if err != nil {
			return nil, err
		}
		l = &BinOp{op, l, r}
	}
	return l, nil
}

func (p *parser) term() (Node, error) {
	l, err := p.factor()
	if err != nil {
		return nil, err
	}
	for p.peek() == "*" || p.peek() == "/" {
		op := p.next()[0]
		r, err := p.factor()
		if err != nil {
			return nil, err
		}
		l = &BinOp{Op: op, L: l, R: r}
	}
	return l, nil
}

func (p *parser) factor() (Node, error) {
	t := p.next()
	switch {
	case t == "":
		return nil, &SyntaxError{p.pos, "unexpected end"}
	case t == "-":
		x, err := p.factor()
		return Neg{x}, err
	case t == "(":
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		if p.next() != ")" {
			return nil, &SyntaxError{p.pos, "missing )"}
		}
		return e, nil
	case unicode.IsLetter(rune(t[0])):
		return Var(t), nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return nil, &SyntaxError{p.pos, fmt.Sprintf("bad number %q", t)}
	}
	return Num(f), nil
}

// cell

func Parse(s string) (Node, error) {
	p := &parser{toks: lex(s)}
	n, err := p.expr()
	if err == nil && p.pos < len(p.toks) {
		err = &SyntaxError{p.pos, "trailing " + strings.Join(p.toks[p.pos:], "")}
	}
	return n, err
}

func main() {
	env := map[string]float64{"x": 3, "pi": 3.14159}
	for _, src := range []string{"1 + 2 * 3", "(1 + 2) * 3", "-x * x + 2*pi", "y + 1", "4 / (x - 3)", "2 * (3", "1 2", "1..2"} {
		n, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if ok := errorsAs(err, &se); ok {
				fmt.Printf("%-14s parse: %v (pos %d)\n", src, err, se.Pos)
			}
			continue
		}
		v, err := n.Eval(env)
		fmt.Printf("%-14s %-22v = %g %v\n", src, n, v, err)
	}
}

// cell

func errorsAs(err error, target **SyntaxError) bool {
	se, ok := err.(*SyntaxError)
	if ok {
		*target = se
	}
	return ok
}
