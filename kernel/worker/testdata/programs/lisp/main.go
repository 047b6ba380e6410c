// A small Lisp: a tokenizer, a reader building cons cells, an evaluator
// with environments, lambdas and closures, tail of errors by panic.
package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

type Value interface{}

type Symbol string

type Cell struct {
	Car Value
	Cdr *Cell
}

type Lambda struct {
	params []Symbol
	body   Value
	env    *Env
}

type Builtin func(args []Value) Value

type Env struct {
	vars  map[Symbol]Value
	outer *Env
}

type LispError struct{ Msg string }

func (e *LispError) Error() string { return "lisp: " + e.Msg }

func fail(format string, args ...any) { panic(&LispError{fmt.Sprintf(format, args...)}) }

func (e *Env) Find(s Symbol) *Env {
	for env := e; env != nil; env = env.outer {
		if _, ok := env.vars[s]; ok {
			return env
		}
	}
	fail("unbound symbol %s", s)
	return nil
}

func tokenize(src string) []string {
	src = strings.ReplaceAll(src, "(", " ( ")
	src = strings.ReplaceAll(src, ")", " ) ")
	return strings.Fields(src)
}

func read(tokens *[]string) Value {
	if len(*tokens) == 0 {
		fail("unexpected end of input")
	}
	tok := (*tokens)[0]
	*tokens = (*tokens)[1:]
	switch tok {
	case "(":
		var items []Value
		for len(*tokens) > 0 && (*tokens)[0] != ")" {
			items = append(items, read(tokens))
		}
		if len(*tokens) == 0 {
			fail("missing )")
		}
		*tokens = (*tokens)[1:]
		return list(items...)
	case ")":
		fail("unexpected )")
	}
	if n, err := strconv.ParseFloat(tok, 64); err == nil {
		return n
	}
	return Symbol(tok)
}

func list(items ...Value) *Cell {
	var head *Cell
	for i := len(items) - 1; i >= 0; i-- {
		head = &Cell{items[i], head}
	}
	return head
}

func (c *Cell) slice() []Value {
	var out []Value
	for ; c != nil; c = c.Cdr {
		out = append(out, c.Car)
	}
	return out
}

func show(v Value) string {
	switch v := v.(type) {
	case nil:
		return "()"
	case *Cell:
		if v == nil {
			return "()"
		}
		var parts []string
		for _, x := range v.slice() {
			parts = append(parts, show(x))
		}
		return "(" + strings.Join(parts, " ") + ")"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		if v {
			return "#t"
		}
		return "#f"
	case Symbol:
		return string(v)
	case *Lambda:
		return fmt.Sprintf("<lambda/%d>", len(v.params))
	case Builtin:
		return "<builtin>"
	}
	return fmt.Sprintf("<%T>", v)
}

func eval(x Value, env *Env) Value {
	for {
		switch v := x.(type) {
		case Symbol:
			return env.Find(v).vars[v]
		case float64, bool:
			return v
		case *Cell:
			if v == nil {
				return nil
			}
			args := v.Cdr.slice()
			switch v.Car {
			case Symbol("quote"):
				return args[0]
			case Symbol("if"):
				if test := eval(args[0], env); test != false && test != nil {
					x = args[1]
				} else if len(args) > 2 {
					x = args[2]
				} else {
					return nil
				}
				continue
			case Symbol("define"):
				env.vars[args[0].(Symbol)] = eval(args[1], env)
				return nil
			case Symbol("lambda"):
				var ps []Symbol
				for _, p := range args[0].(*Cell).slice() {
					ps = append(ps, p.(Symbol))
				}
				return &Lambda{ps, args[1], env}
			case Symbol("begin"):
				for _, a := range args[:len(args)-1] {
					eval(a, env)
				}
				x = args[len(args)-1]
				continue
			}
			f := eval(v.Car, env)
			vals := make([]Value, len(args))
			for i, a := range args {
				vals[i] = eval(a, env)
			}
			switch f := f.(type) {
			case Builtin:
				return f(vals)
			case *Lambda:
				if len(vals) != len(f.params) {
					fail("want %d args, got %d", len(f.params), len(vals))
				}
				inner := &Env{map[Symbol]Value{}, f.env}
				for i, p := range f.params {
					inner.vars[p] = vals[i]
				}
				x, env = f.body, inner
				continue
			default:
				fail("not a function: %s", show(f))
			}
		default:
			fail("cannot evaluate %T", x)
		}
	}
}

func num(v Value) float64 {
	n, ok := v.(float64)
	if !ok {
		fail("not a number: %s", show(v))
	}
	return n
}

func arith(op func(a, b float64) float64) Builtin {
	return func(args []Value) Value {
		acc := num(args[0])
		for _, a := range args[1:] {
			acc = op(acc, num(a))
		}
		return acc
	}
}

func globals() *Env {
	env := &Env{vars: map[Symbol]Value{}}
	env.vars["+"] = arith(func(a, b float64) float64 { return a + b })
	env.vars["-"] = arith(func(a, b float64) float64 { return a - b })
	env.vars["*"] = arith(func(a, b float64) float64 { return a * b })
	env.vars["/"] = arith(func(a, b float64) float64 {
		if b == 0 {
			fail("division by zero")
		}
		return a / b
	})
	env.vars["<"] = Builtin(func(a []Value) Value { return num(a[0]) < num(a[1]) })
	env.vars["="] = Builtin(func(a []Value) Value { return num(a[0]) == num(a[1]) })
	env.vars["car"] = Builtin(func(a []Value) Value { return a[0].(*Cell).Car })
	env.vars["cdr"] = Builtin(func(a []Value) Value { return a[0].(*Cell).Cdr })
	env.vars["cons"] = Builtin(func(a []Value) Value {
		rest, _ := a[1].(*Cell)
		return &Cell{a[0], rest}
	})
	env.vars["null?"] = Builtin(func(a []Value) Value { c, _ := a[0].(*Cell); return c == nil })
	env.vars["list"] = Builtin(func(a []Value) Value { return list(a...) })
	return env
}

func run(src string, env *Env) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			le, ok := r.(*LispError)
			if !ok {
				panic(r)
			}
			err = le
		}
	}()
	toks := tokenize(src)
	var last Value
	for len(toks) > 0 {
		last = eval(read(&toks), env)
	}
	return show(last), nil
}

func main() {
	env := globals()
	progs := []string{
		"(define sq (lambda (x) (* x x)))",
		"(sq 12)",
		"(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))",
		"(fact 20)",
		"(define count (lambda (n acc) (if (= n 0) acc (count (- n 1) (+ acc 1)))))",
		"(count 10000 0)",
		"(define make-adder (lambda (n) (lambda (x) (+ x n))))",
		"((make-adder 5) 10)",
		"(define map (lambda (f xs) (if (null? xs) (quote ()) (cons (f (car xs)) (map f (cdr xs))))))",
		"(map sq (list 1 2 3 4))",
		"(quote (a (b c) d))",
		"(begin (define y 3) (+ y 1))",
		"(/ 1 0)",
		"(undefined 1)",
		"(sq 1 2)",
		"(1 2)",
		"(+ 1",
		")",
		"(car (quote (x y)))",
		"make-adder",
		"(< 1 2)",
	}
	for _, p := range progs {
		out, err := run(p, env)
		var le *LispError
		if errors.As(err, &le) {
			fmt.Printf("%-40.40s => error: %s\n", p, le.Msg)
			continue
		}
		fmt.Printf("%-40.40s => %s\n", p, out)
	}
}
