// Type switches in their forms: several types in a case, nil, default,
// interfaces as cases (ordered), errors by type, values of generic types,
// and a visitor over an expression tree.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

type Shape interface{ Area() float64 }
type Named interface{ Name() string }

type Circle struct{ R float64 }
type Rect struct{ W, H float64 }
type Label string

func (c Circle) Area() float64 { return 3 * c.R * c.R }
func (c Circle) Name() string  { return "circle" }
func (r *Rect) Area() float64  { return r.W * r.H }
func (l Label) Name() string   { return string(l) }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v", x)
	case float64:
		return "float " + strconv.FormatFloat(x, 'f', 1, 64)
	case string:
		return "string of " + strconv.Itoa(len(x))
	case []int:
		return fmt.Sprint("ints ", len(x))
	case map[string]int:
		return fmt.Sprint("map ", len(x))
	case func() string:
		return "func returning " + x()
	case Shape:
		if n, ok := x.(Named); ok {
			return fmt.Sprintf("named shape %s %.0f", n.Name(), x.Area())
		}
		return fmt.Sprintf("shape %.0f", x.Area())
	case Named:
		return "named " + x.Name()
	case error:
		return "error " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

type Box[T any] struct{ V T }

func unbox(v any) string {
	switch b := v.(type) {
	case Box[int]:
		return fmt.Sprint("int box ", b.V+1)
	case Box[string]:
		return "string box " + strings.ToUpper(b.V)
	case *Box[int]:
		return fmt.Sprint("pointer to int box ", b.V)
	}
	return "not a box"
}

func classify(err error) string {
	var pe *fs.PathError
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, fs.ErrNotExist):
		if errors.As(err, &pe) {
			return "missing " + pe.Op
		}
		return "missing"
	}
	switch e := err.(type) {
	case *strconv.NumError:
		return "bad number " + e.Num
	case interface{ Timeout() bool }:
		return fmt.Sprint("timeout ", e.Timeout())
	}
	return "other: " + err.Error()
}

type Expr interface{ expr() }
type Num float64
type Var string
type Bin struct {
	Op   byte
	L, R Expr
}
type Call struct {
	Fn   string
	Args []Expr
}

func (Num) expr()  {}
func (Var) expr()  {}
func (Bin) expr()  {}
func (Call) expr() {}

func show(e Expr) string {
	switch e := e.(type) {
	case Num:
		return strconv.FormatFloat(float64(e), 'g', -1, 64)
	case Var:
		return string(e)
	case Bin:
		return "(" + show(e.L) + " " + string(e.Op) + " " + show(e.R) + ")"
	case Call:
		var args []string
		for _, a := range e.Args {
			args = append(args, show(a))
		}
		return e.Fn + "(" + strings.Join(args, ", ") + ")"
	}
	panic(fmt.Sprintf("unknown %T", e))
}

func eval(e Expr, env map[Var]float64) float64 {
	switch e := e.(type) {
	case Num:
		return float64(e)
	case Var:
		return env[e]
	case Bin:
		l, r := eval(e.L, env), eval(e.R, env)
		switch e.Op {
		case '+':
			return l + r
		case '-':
			return l - r
		case '*':
			return l * r
		case '/':
			return l / r
		}
	case Call:
		if e.Fn == "max" {
			m := eval(e.Args[0], env)
			for _, a := range e.Args[1:] {
				m = max(m, eval(a, env))
			}
			return m
		}
	}
	return 0
}

type timeoutErr struct{ op string }

func (e timeoutErr) Error() string { return e.op + " timed out" }
func (timeoutErr) Timeout() bool   { return true }

func main() {
	var nilShape Shape
	vals := []any{nil, 3, int64(4), 2.5, "héllo", []int{1, 2}, map[string]int{"a": 1},
		func() string { return "hi" }, Circle{2}, &Rect{2, 3}, Label("tag"), errors.New("boom"),
		os.ErrClosed, struct{}{}, nilShape, Rect{1, 1}, uint8(7)}
	for _, v := range vals {
		fmt.Println(describe(v))
	}
	for _, v := range []any{Box[int]{1}, Box[string]{"s"}, &Box[int]{5}, Box[float64]{1}} {
		fmt.Println(unbox(v))
	}
	_, err1 := os.Open("/definitely/not/here")
	_, err2 := strconv.Atoi("x1")
	for _, err := range []error{nil, err1, err2, timeoutErr{"dial"}, fmt.Errorf("wrapped: %w", fs.ErrNotExist), errors.New("plain")} {
		fmt.Println(classify(err))
	}
	e := Bin{'+', Num(1), Bin{'*', Var("x"), Call{"max", []Expr{Num(2), Var("y"), Num(0.5)}}}}
	fmt.Println(show(e), "=", eval(e, map[Var]float64{"x": 3, "y": 4}))
	defer func() { fmt.Println("recovered:", recover()) }()
	show(nil)
}
