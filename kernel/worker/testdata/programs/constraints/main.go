// Constraints with methods: generic funcs over types that must have
// methods, ~ underlying types with methods, and generic types whose
// methods call their parameters' methods.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64   { return r.W * r.H }
func (r Rect) Name() string    { return "rect" }
func (c Circle) Area() float64 { return 3 * c.R * c.R }
func (c Circle) Name() string  { return "circle" }

func Largest[S Shape](shapes []S) S {
	var best S
	for i, s := range shapes {
		if i == 0 || s.Area() > best.Area() {
			best = s
		}
	}
	return best
}

func TotalArea[S Shape](shapes ...S) (t float64) {
	for _, s := range shapes {
		t += s.Area()
	}
	return
}

type Stringish interface {
	~string
	Len() int
}

type Name string

func (n Name) Len() int { return len(n) }

func Longest[T Stringish](xs []T) T {
	var best T
	for _, x := range xs {
		if x.Len() > best.Len() {
			best = x
		}
	}
	return best
}

func Join[T ~string](xs []T, sep string) string {
	ss := make([]string, len(xs))
	for i, x := range xs {
		ss[i] = string(x)
	}
	return strings.Join(ss, sep)
}

type Ranked[T Shape] struct {
	items []T
}

func (r *Ranked[T]) Add(x T) {
	r.items = append(r.items, x)
	sort.Slice(r.items, func(i, j int) bool { return r.items[i].Area() > r.items[j].Area() })
}

func (r *Ranked[T]) Top() (T, bool) {
	var zero T
	if len(r.items) == 0 {
		return zero, false
	}
	return r.items[0], true
}

func (r *Ranked[T]) Names() []string {
	var out []string
	for _, x := range r.items {
		out = append(out, x.Name())
	}
	return out
}

func main() {
	rects := []Rect{{1, 2}, {3, 4}, {2, 2}}
	fmt.Println(Largest(rects), TotalArea(rects...))
	shapes := []Shape{Rect{1, 1}, Circle{2}, Rect{5, 1}}
	big := Largest(shapes)
	fmt.Println(big.Name(), big.Area(), TotalArea(shapes...))
	names := []Name{"ann", "beatrice", "cy"}
	fmt.Println(Longest(names), Join(names, "+"), Longest[Name](nil) == "")
	var r Ranked[Shape]
	r.Add(Rect{1, 1})
	r.Add(Circle{1})
	r.Add(Rect{2, 3})
	top, ok := r.Top()
	fmt.Println(top, ok, r.Names())
	var rc Ranked[Circle]
	_, ok = rc.Top()
	rc.Add(Circle{3})
	c, _ := rc.Top()
	fmt.Println(ok, c.R, rc.Names())
}
