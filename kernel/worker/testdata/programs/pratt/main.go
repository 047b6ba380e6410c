// A tokenizer on bufio.Scanner with a split func of its own, and a Pratt
// parser whose rules are tables of method values keyed by token kind,
// evaluating with big.Rat for exact fractions.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

type Kind int

const (
	EOF Kind = iota
	Num
	Ident
	Op
	LParen
	RParen
)

var kindNames = map[Kind]string{EOF: "EOF", Num: "Num", Ident: "Ident", Op: "Op", LParen: "(", RParen: ")"}

func (k Kind) String() string { return kindNames[k] }

type Token struct {
	Kind Kind
	Text string
}

func (t Token) String() string { return fmt.Sprintf("%v(%s)", t.Kind, t.Text) }

func splitTokens(data []byte, atEOF bool) (int, []byte, error) {
	start := 0
	for start < len(data) {
		r, w := utf8.DecodeRune(data[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += w
	}
	if start == len(data) {
		return start, nil, nil
	}
	r, w := utf8.DecodeRune(data[start:])
	switch {
	case strings.ContainsRune("+-*/^()", r):
		return start + w, data[start : start+w], nil
	case unicode.IsDigit(r) || unicode.IsLetter(r):
		i := start
		for i < len(data) {
			r, w := utf8.DecodeRune(data[i:])
			if !(unicode.IsDigit(r) || unicode.IsLetter(r) || r == '.') {
				return i, data[start:i], nil
			}
			i += w
		}
		if atEOF {
			return len(data), data[start:], nil
		}
		return start, nil, nil
	}
	return 0, nil, fmt.Errorf("unexpected %q", r)
}

func lex(src string) ([]Token, error) {
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Split(splitTokens)
	var toks []Token
	for sc.Scan() {
		t := sc.Text()
		r, _ := utf8.DecodeRuneInString(t)
		switch {
		case unicode.IsDigit(r):
			toks = append(toks, Token{Num, t})
		case unicode.IsLetter(r):
			toks = append(toks, Token{Ident, t})
		case t == "(":
			toks = append(toks, Token{LParen, t})
		case t == ")":
			toks = append(toks, Token{RParen, t})
		default:
			toks = append(toks, Token{Op, t})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lex: %w", err)
	}
	return append(toks, Token{EOF, ""}), nil
}

type Parser struct {
	toks   []Token
	pos    int
	vars   map[string]*big.Rat
	prefix map[Kind]func(Token) (*big.Rat, error)
	infix  map[string]infixRule
}

type infixRule struct {
	prec  int
	right bool
	apply func(a, b *big.Rat) (*big.Rat, error)
}

var ErrDivZero = errors.New("division by zero")

func NewParser(vars map[string]*big.Rat) *Parser {
	p := &Parser{vars: vars}
	p.prefix = map[Kind]func(Token) (*big.Rat, error){
		Num:    p.number,
		Ident:  p.variable,
		LParen: p.group,
		Op:     p.unary,
	}
	p.infix = map[string]infixRule{
		"+": {1, false, func(a, b *big.Rat) (*big.Rat, error) { return new(big.Rat).Add(a, b), nil }},
		"-": {1, false, func(a, b *big.Rat) (*big.Rat, error) { return new(big.Rat).Sub(a, b), nil }},
		"*": {2, false, func(a, b *big.Rat) (*big.Rat, error) { return new(big.Rat).Mul(a, b), nil }},
		"/": {2, false, func(a, b *big.Rat) (*big.Rat, error) {
			if b.Sign() == 0 {
				return nil, ErrDivZero
			}
			return new(big.Rat).Quo(a, b), nil
		}},
		"^": {3, true, power},
	}
	return p
}

func power(a, b *big.Rat) (*big.Rat, error) {
	if !b.IsInt() || b.Sign() < 0 {
		return nil, fmt.Errorf("power %s: want a natural exponent", b.RatString())
	}
	out := big.NewRat(1, 1)
	for i := int64(0); i < b.Num().Int64(); i++ {
		out.Mul(out, a)
	}
	return out, nil
}

func (p *Parser) next() Token { t := p.toks[p.pos]; p.pos++; return t }
func (p *Parser) peek() Token { return p.toks[p.pos] }

func (p *Parser) number(t Token) (*big.Rat, error) {
	r, ok := new(big.Rat).SetString(t.Text)
	if !ok {
		return nil, fmt.Errorf("bad number %q", t.Text)
	}
	return r, nil
}

func (p *Parser) variable(t Token) (*big.Rat, error) {
	if v, ok := p.vars[t.Text]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("unknown variable %s", t.Text)
}

func (p *Parser) group(Token) (*big.Rat, error) {
	v, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.next(); t.Kind != RParen {
		return nil, fmt.Errorf("want ), got %v", t)
	}
	return v, nil
}

func (p *Parser) unary(t Token) (*big.Rat, error) {
	if t.Text != "-" {
		return nil, fmt.Errorf("unexpected %v", t)
	}
	v, err := p.expr(3)
	if err != nil {
		return nil, err
	}
	return new(big.Rat).Neg(v), nil
}

func (p *Parser) expr(minPrec int) (*big.Rat, error) {
	t := p.next()
	rule, ok := p.prefix[t.Kind]
	if !ok {
		return nil, fmt.Errorf("unexpected %v", t)
	}
	left, err := rule(t)
	if err != nil {
		return nil, err
	}
	for {
		op := p.peek()
		in, ok := p.infix[op.Text]
		if op.Kind != Op || !ok || in.prec < minPrec || in.prec == minPrec && !in.right {
			return left, nil
		}
		p.next()
		next := in.prec
		if in.right {
			next--
		}
		right, err := p.expr(next + 1)
		if err != nil {
			return nil, err
		}
		if left, err = in.apply(left, right); err != nil {
			return nil, fmt.Errorf("%s: %w", op.Text, err)
		}
	}
}

func Eval(src string, vars map[string]*big.Rat) (*big.Rat, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := NewParser(vars)
	p.toks = toks
	v, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.Kind != EOF {
		return nil, fmt.Errorf("trailing %v", t)
	}
	return v, nil
}

func main() {
	toks, err := lex("3*(x + 1/2) ^ 2")
	fmt.Println(toks, err)
	vars := map[string]*big.Rat{"x": big.NewRat(1, 3), "half": big.NewRat(1, 2)}
	for _, src := range []string{
		"1/3 + 1/6", "3*(x + 1/2) ^ 2", "2^3^2", "-2^2", "(1 + 2) * half", "10 / (5 - 5)",
		"2 ^ x", "y + 1", "(1 + 2", "1 + 2)", "1 $ 2", "0.25 * 4", "1.5.5",
	} {
		v, err := Eval(src, vars)
		switch {
		case errors.Is(err, ErrDivZero):
			fmt.Printf("%-18s division by zero: %v\n", src, err)
		case err != nil:
			fmt.Printf("%-18s error: %v\n", src, err)
		default:
			f, _ := v.Float64()
			fmt.Printf("%-18s = %s (%.4g)\n", src, v.RatString(), f)
		}
	}
}
