// A trie and an expression tree of pointer nodes: recursive methods on
// pointer receivers, Stringers on pointers, and walking with closures.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Trie struct {
	children map[rune]*Trie
	end      bool
	count    int
}

func NewTrie() *Trie { return &Trie{children: map[rune]*Trie{}} }

func (t *Trie) Insert(w string) {
	n := t
	for _, r := range w {
		c, ok := n.children[r]
		if !ok {
			c = NewTrie()
			n.children[r] = c
		}
		c.count++
		n = c
	}
	n.end = true
}

func (t *Trie) find(prefix string) *Trie {
	n := t
	for _, r := range prefix {
		n = n.children[r]
		if n == nil {
			return nil
		}
	}
	return n
}

func (t *Trie) Complete(prefix string) []string {
	n := t.find(prefix)
	if n == nil {
		return nil
	}
	var out []string
	var walk func(n *Trie, acc []rune)
	walk = func(n *Trie, acc []rune) {
		if n.end {
			out = append(out, string(acc))
		}
		keys := make([]rune, 0, len(n.children))
		for r := range n.children {
			keys = append(keys, r)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, r := range keys {
			walk(n.children[r], append(acc, r))
		}
	}
	walk(n, []rune(prefix))
	return out
}

func (t *Trie) String() string {
	return fmt.Sprintf("trie(%d words)", len(t.Complete("")))
}

// cell

type Expr struct {
	Op          string
	Val         float64
	Left, Right *Expr
}

func Num(v float64) *Expr             { return &Expr{Val: v} }
func Bin(op string, l, r *Expr) *Expr { return &Expr{Op: op, Left: l, Right: r} }

func (e *Expr) Eval() float64 {
	switch e.Op {
	case "":
		return e.Val
	case "+":
		return e.Left.Eval() + e.Right.Eval()
	case "*":
		return e.Left.Eval() * e.Right.Eval()
	case "-":
		return e.Left.Eval() - e.Right.Eval()
	}
	panic("bad op " + e.Op)
}

func (e *Expr) String() string {
	if e == nil {
		return "nil"
	}
	if e.Op == "" {
		return fmt.Sprint(e.Val)
	}
	return "(" + e.Left.String() + " " + e.Op + " " + e.Right.String() + ")"
}

func (e *Expr) Depth() int {
	if e == nil || e.Op == "" {
		return 1
	}
	return 1 + max(e.Left.Depth(), e.Right.Depth())
}

func main() {
	t := NewTrie()
	for _, w := range strings.Fields("go gopher golang goal god good cat car") {
		t.Insert(w)
	}
	fmt.Println(t.Complete("go"), t.Complete("ca"), t.Complete("x") == nil)
	fmt.Println(t, t.find("go").count, t.find("g").end)
	e := Bin("+", Num(2), Bin("*", Num(3), Bin("-", Num(10), Num(4))))
	fmt.Println(e, "=", e.Eval(), e.Depth())
	fmt.Printf("%v %s\n", e.Left, e.Right.Right)
	exprs := []*Expr{Num(1), Bin("+", Num(1), Num(1))}
	fmt.Println(exprs, len(exprs))
	var nilExpr *Expr
	fmt.Println(nilExpr.String(), nilExpr.Depth())
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	Bin("/", Num(1), Num(2)).Eval()
}
