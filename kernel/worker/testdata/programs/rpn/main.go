// A reverse Polish calculator with a shunting-yard infix front end,
// user-defined words and error values that carry the position.
package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

type PosError struct {
	Pos int
	Err error
}

func (e *PosError) Error() string { return fmt.Sprintf("at %d: %v", e.Pos, e.Err) }
func (e *PosError) Unwrap() error { return e.Err }

var (
	ErrUnderflow = errors.New("stack underflow")
	ErrDivZero   = errors.New("division by zero")
)

type Stack []float64

func (s *Stack) Push(v float64) { *s = append(*s, v) }
func (s *Stack) Pop() (float64, error) {
	if len(*s) == 0 {
		return 0, ErrUnderflow
	}
	v := (*s)[len(*s)-1]
	*s = (*s)[:len(*s)-1]
	return v, nil
}

type Op func(s *Stack) error

func binary(f func(a, b float64) (float64, error)) Op {
	return func(s *Stack) error {
		b, err := s.Pop()
		if err != nil {
			return err
		}
		a, err := s.Pop()
		if err != nil {
			return err
		}
		r, err := f(a, b)
		if err != nil {
			return err
		}
		s.Push(r)
		return nil
	}
}

type Machine struct {
	stack Stack
	words map[string]Op
}

func NewMachine() *Machine {
	m := &Machine{words: map[string]Op{
		"+": binary(func(a, b float64) (float64, error) { return a + b, nil }),
		"-": binary(func(a, b float64) (float64, error) { return a - b, nil }),
		"*": binary(func(a, b float64) (float64, error) { return a * b, nil }),
		"/": binary(func(a, b float64) (float64, error) {
			if b == 0 {
				return 0, ErrDivZero
			}
			return a / b, nil
		}),
		"^": binary(func(a, b float64) (float64, error) { return math.Pow(a, b), nil }),
		"dup": func(s *Stack) error {
			v, err := s.Pop()
			if err != nil {
				return err
			}
			s.Push(v)
			s.Push(v)
			return nil
		},
		"swap": func(s *Stack) error {
			b, err := s.Pop()
			if err != nil {
				return err
			}
			a, err := s.Pop()
			if err != nil {
				return err
			}
			s.Push(b)
			s.Push(a)
			return nil
		},
	}}
	return m
}

func (m *Machine) Define(name, body string) {
	toks := strings.Fields(body)
	m.words[name] = func(s *Stack) error {
		saved := m.stack
		m.stack = *s
		defer func() { *s = m.stack; m.stack = saved }()
		return m.run(toks)
	}
}

func (m *Machine) run(toks []string) error {
	for i, t := range toks {
		if op, ok := m.words[t]; ok {
			if err := op(&m.stack); err != nil {
				return &PosError{Pos: i, Err: err}
			}
			continue
		}
		v, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return &PosError{i, fmt.Errorf("unknown word %q", t)}
		}
		m.stack.Push(v)
	}
	return nil
}

func (m *Machine) Eval(src string) (float64, error) {
	m.stack = m.stack[:0]
	if err := m.run(strings.Fields(src)); err != nil {
		return 0, err
	}
	if len(m.stack) != 1 {
		return 0, fmt.Errorf("%d values left on the stack", len(m.stack))
	}
	return m.stack[0], nil
}

var prec = map[rune]int{'+': 1, '-': 1, '*': 2, '/': 2, '^': 3}

func ToRPN(infix string) (string, error) {
	var out []string
	var ops []rune
	num := strings.Builder{}
	flush := func() {
		if num.Len() > 0 {
			out = append(out, num.String())
			num.Reset()
		}
	}
	for _, r := range infix {
		switch {
		case unicode.IsDigit(r) || r == '.':
			num.WriteRune(r)
		case unicode.IsSpace(r):
			flush()
		case r == '(':
			flush()
			ops = append(ops, r)
		case r == ')':
			flush()
			for len(ops) > 0 && ops[len(ops)-1] != '(' {
				out = append(out, string(ops[len(ops)-1]))
				ops = ops[:len(ops)-1]
			}
			if len(ops) == 0 {
				return "", errors.New("unbalanced )")
			}
			ops = ops[:len(ops)-1]
		default:
			p, ok := prec[r]
			if !ok {
				return "", fmt.Errorf("bad rune %q", r)
			}
			flush()
			for len(ops) > 0 {
				top := ops[len(ops)-1]
				tp := prec[top]
				if top == '(' || tp < p || (tp == p && r == '^') {
					break
				}
				out = append(out, string(top))
				ops = ops[:len(ops)-1]
			}
			ops = append(ops, r)
		}
	}
	flush()
	for i := len(ops) - 1; i >= 0; i-- {
		if ops[i] == '(' {
			return "", errors.New("unbalanced (")
		}
		out = append(out, string(ops[i]))
	}
	return strings.Join(out, " "), nil
}

func main() {
	m := NewMachine()
	m.Define("sq", "dup *")
	m.Define("hyp", "sq swap sq + 0.5 ^")
	for _, src := range []string{"1 2 +", "3 4 hyp", "2 sq sq", "1 0 /", "+", "1 2", "1 foo +", "5 1 2 + 4 * + 3 -"} {
		v, err := m.Eval(src)
		var pe *PosError
		switch {
		case errors.As(err, &pe):
			fmt.Printf("%-18q error %v (pos %d, underflow %v, div0 %v)\n", src, err, pe.Pos, errors.Is(err, ErrUnderflow), errors.Is(err, ErrDivZero))
		case err != nil:
			fmt.Printf("%-18q error %v\n", src, err)
		default:
			fmt.Printf("%-18q = %g\n", src, v)
		}
	}
	for _, in := range []string{"3 + 4 * 2 / ( 1 - 5 ) ^ 2 ^ 3", "(1+2)*3", "2^3^2", "(1+2", "1+2)", "1 % 2"} {
		rpn, err := ToRPN(in)
		if err != nil {
			fmt.Printf("%-32q %v\n", in, err)
			continue
		}
		v, err := m.Eval(rpn)
		fmt.Printf("%-32q %-28s %g %v\n", in, rpn, v, err)
	}
}
