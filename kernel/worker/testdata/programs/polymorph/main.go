// Polymorphism without inheritance: a plugin registry of constructors,
// interfaces with optional capabilities checked at run time, decorators
// wrapping interfaces, and a visitor over a small AST.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Plugin interface {
	Name() string
	Run(input string) string
}

type Configurable interface {
	Configure(opts map[string]string) error
}

type upper struct{}

func (upper) Name() string        { return "upper" }
func (upper) Run(s string) string { return strings.ToUpper(s) }

type repeat struct{ n int }

func (r *repeat) Name() string        { return "repeat" }
func (r *repeat) Run(s string) string { return strings.Repeat(s, r.n) }
func (r *repeat) Configure(opts map[string]string) error {
	if v, ok := opts["n"]; ok {
		if _, err := fmt.Sscanf(v, "%d", &r.n); err != nil {
			return fmt.Errorf("repeat: bad n %q: %w", v, err)
		}
	}
	return nil
}

type logged struct {
	Plugin
	log *[]string
}

func (l logged) Run(s string) string {
	out := l.Plugin.Run(s)
	*l.log = append(*l.log, fmt.Sprintf("%s(%q)=%q", l.Name(), s, out))
	return out
}

var registry = map[string]func() Plugin{
	"upper":  func() Plugin { return upper{} },
	"repeat": func() Plugin { return &repeat{n: 1} },
}

// cell

type Node interface{ Accept(v Visitor) }
type Num struct{ V int }
type Add struct{ L, R Node }
type Mul struct{ L, R Node }

type Visitor interface {
	VisitNum(n Num)
	VisitAdd(a Add)
	VisitMul(m Mul)
}

func (n Num) Accept(v Visitor) { v.VisitNum(n) }
func (a Add) Accept(v Visitor) { v.VisitAdd(a) }
func (m Mul) Accept(v Visitor) { v.VisitMul(m) }

type evaluator struct{ stack []int }

func (e *evaluator) pop() int {
	x := e.stack[len(e.stack)-1]
	e.stack = e.stack[:len(e.stack)-1]
	return x
}
func (e *evaluator) VisitNum(n Num) { e.stack = append(e.stack, n.V) }
func (e *evaluator) VisitAdd(a Add) {
	a.L.Accept(e)
	a.R.Accept(e)
	e.stack = append(e.stack, e.pop()+e.pop())
}
func (e *evaluator) VisitMul(m Mul) {
	m.L.Accept(e)
	m.R.Accept(e)
	e.stack = append(e.stack, e.pop()*e.pop())
}

type printer struct{ sb strings.Builder }

func (p *printer) VisitNum(n Num) { fmt.Fprint(&p.sb, n.V) }
func (p *printer) VisitAdd(a Add) {
	p.sb.WriteString("(")
	a.L.Accept(p)
	p.sb.WriteString(" + ")
	a.R.Accept(p)
	p.sb.WriteString(")")
}
func (p *printer) VisitMul(m Mul) {
	m.L.Accept(p)
	p.sb.WriteString(" * ")
	m.R.Accept(p)
}

func main() {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	var log []string
	for _, n := range names {
		p := registry[n]()
		if c, ok := p.(Configurable); ok {
			fmt.Println(n, "configurable", c.Configure(map[string]string{"n": "3"}))
			fmt.Println(c.Configure(map[string]string{"n": "x"}))
		} else {
			fmt.Println(n, "fixed")
		}
		p = logged{p, &log}
		fmt.Println(p.Run("ab"), p.Name())
	}
	fmt.Println(strings.Join(log, "; "))
	tree := Add{Num{2}, Mul{Num{3}, Add{Num{4}, Num{1}}}}
	ev := &evaluator{}
	tree.Accept(ev)
	pr := &printer{}
	tree.Accept(pr)
	fmt.Println(pr.sb.String(), "=", ev.pop(), len(ev.stack))
	var nodes []Node = []Node{Num{1}, Add{Num{1}, Num{2}}, Mul{Num{2}, Num{5}}}
	for _, n := range nodes {
		e := &evaluator{}
		n.Accept(e)
		fmt.Printf("%T=%d ", n, e.pop())
	}
	fmt.Println()
}
