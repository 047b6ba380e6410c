// An expression tree with the visitor pattern: double dispatch through
// interfaces, a printer, an evaluator with an environment, a simplifier
// that rebuilds the tree, and a counter keyed by node type.
package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

type Node interface {
	Accept(v Visitor) any
}

type Visitor interface {
	VisitNum(n Num) any
	VisitVar(n Var) any
	VisitBin(n *Bin) any
	VisitCall(n *Call) any
}

type Num float64
type Var string

type Bin struct {
	Op   byte
	L, R Node
}

type Call struct {
	Fn   string
	Args []Node
}

func (n Num) Accept(v Visitor) any   { return v.VisitNum(n) }
func (n Var) Accept(v Visitor) any   { return v.VisitVar(n) }
func (n *Bin) Accept(v Visitor) any  { return v.VisitBin(n) }
func (n *Call) Accept(v Visitor) any { return v.VisitCall(n) }

type printer struct{}

func (printer) VisitNum(n Num) any { return fmt.Sprint(float64(n)) }
func (printer) VisitVar(n Var) any { return string(n) }
func (p printer) VisitBin(n *Bin) any {
	return "(" + n.L.Accept(p).(string) + " " + string(n.Op) + " " + n.R.Accept(p).(string) + ")"
}
func (p printer) VisitCall(n *Call) any {
	args := make([]string, len(n.Args))
	for i, a := range n.Args {
		args[i] = a.Accept(p).(string)
	}
	return n.Fn + "(" + strings.Join(args, ", ") + ")"
}

type result struct {
	v   float64
	err error
}

var ErrUnbound = errors.New("unbound variable")

type evaluator struct {
	env   map[Var]float64
	funcs map[string]func(...float64) float64
}

func (e evaluator) VisitNum(n Num) any { return result{v: float64(n)} }
func (e evaluator) VisitVar(n Var) any {
	v, ok := e.env[n]
	if !ok {
		return result{err: fmt.Errorf("%w: %s", ErrUnbound, n)}
	}
	return result{v: v}
}
func (e evaluator) VisitBin(n *Bin) any {
	l := n.L.Accept(e).(result)
	if l.err != nil {
		return l
	}
	r := n.R.Accept(e).(result)
	if r.err != nil {
		return r
	}
	switch n.Op {
	case '+':
		return result{v: l.v + r.v}
	case '-':
		return result{v: l.v - r.v}
	case '*':
		return result{v: l.v * r.v}
	case '/':
		if r.v == 0 {
			return result{err: errors.New("division by zero")}
		}
		return result{v: l.v / r.v}
	}
	return result{err: fmt.Errorf("bad op %q", n.Op)}
}
func (e evaluator) VisitCall(n *Call) any {
	f, ok := e.funcs[n.Fn]
	if !ok {
		return result{err: fmt.Errorf("no func %s", n.Fn)}
	}
	var args []float64
	for _, a := range n.Args {
		r := a.Accept(e).(result)
		if r.err != nil {
			return r
		}
		args = append(args, r.v)
	}
	return result{v: f(args...)}
}

// simplifier folds constants and drops identities, rebuilding the tree.
type simplifier struct{ folded *int }

func (s simplifier) VisitNum(n Num) any { return n }
func (s simplifier) VisitVar(n Var) any { return n }
func (s simplifier) VisitBin(n *Bin) any {
	l := n.L.Accept(s).(Node)
	r := n.R.Accept(s).(Node)
	ln, lok := l.(Num)
	rn, rok := r.(Num)
	switch {
	case lok && rok:
		*s.folded++
		v := (evaluator{}).VisitBin(&Bin{n.Op, ln, rn}).(result)
		if v.err == nil {
			return Num(v.v)
		}
	case n.Op == '*' && (lok && ln == 0 || rok && rn == 0):
		*s.folded++
		return Num(0)
	case n.Op == '*' && rok && rn == 1, n.Op == '+' && rok && rn == 0:
		*s.folded++
		return l
	case n.Op == '*' && lok && ln == 1, n.Op == '+' && lok && ln == 0:
		*s.folded++
		return r
	}
	return &Bin{n.Op, l, r}
}
func (s simplifier) VisitCall(n *Call) any {
	args := make([]Node, len(n.Args))
	for i, a := range n.Args {
		args[i] = a.Accept(s).(Node)
	}
	return &Call{n.Fn, args}
}

type counter map[string]int

func (c counter) VisitNum(n Num) any { c["num"]++; return nil }
func (c counter) VisitVar(n Var) any { c["var"]++; return nil }
func (c counter) VisitBin(n *Bin) any {
	c["bin"]++
	n.L.Accept(c)
	n.R.Accept(c)
	return nil
}
func (c counter) VisitCall(n *Call) any {
	c["call:"+n.Fn]++
	for _, a := range n.Args {
		a.Accept(c)
	}
	return nil
}

func main() {
	tree := &Bin{'+',
		&Bin{'*', Num(2), &Bin{'+', Num(3), Num(4)}},
		&Bin{'*', &Call{"sqrt", []Node{&Bin{'+', Var("x"), Num(0)}}}, Num(1)},
	}
	ev := evaluator{
		env:   map[Var]float64{"x": 16},
		funcs: map[string]func(...float64) float64{"sqrt": func(a ...float64) float64 { return math.Sqrt(a[0]) }, "max": func(a ...float64) float64 { return max(a[0], a[1]) }},
	}
	fmt.Println(tree.Accept(printer{}))
	fmt.Printf("%+v\n", tree.Accept(ev))
	folded := 0
	simple := tree.Accept(simplifier{&folded}).(Node)
	fmt.Println(simple.Accept(printer{}), folded)
	fmt.Printf("%+v\n", simple.Accept(ev))
	c := counter{}
	tree.Accept(c)
	fmt.Println(c)

	bad := []Node{Var("y"), &Bin{'/', Num(1), Num(0)}, &Call{"nope", nil}, &Bin{'%', Num(1), Num(2)}, &Call{"max", []Node{Num(3), Var("x")}}}
	for _, b := range bad {
		r := b.Accept(ev).(result)
		fmt.Printf("%-10s %v %v %v\n", b.Accept(printer{}), r.v, r.err, errors.Is(r.err, ErrUnbound))
	}
	var visitors []Visitor = []Visitor{printer{}, ev, simplifier{&folded}, c}
	for _, v := range visitors {
		fmt.Printf("%T ", v)
	}
	fmt.Println()
}
