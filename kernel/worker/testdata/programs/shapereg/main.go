// Constraints with methods over pointer types: generic funcs that call
// each other with type parameters bound to *Rect and []Shape, a generic
// registry keyed by a comparable, and sorting by a method expression.
package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// cell
type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }

func (r *Rect) Area() float64   { return r.W * r.H }
func (r *Rect) Name() string    { return fmt.Sprintf("rect %gx%g", r.W, r.H) }
func (r *Rect) Scale(f float64) { r.W *= f; r.H *= f }

type Circle struct{ R float64 }

func (c Circle) Area() float64 { return math.Round(math.Pi*c.R*c.R*100) / 100 }
func (c Circle) Name() string  { return fmt.Sprintf("circle %g", c.R) }

// cell
func Largest[S Shape](xs []S) (S, bool) {
	var best S
	if len(xs) == 0 {
		return best, false
	}
	best = xs[0]
	for _, x := range Rest(xs) {
		if x.Area() > best.Area() {
			best = x
		}
	}
	return best, true
}

func Rest[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return xs[1:]
}

func Names[S Shape](xs ...S) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, x.Name())
	}
	return out
}

func TotalArea[S Shape](xs []S) float64 {
	return Fold(xs, 0.0, func(acc float64, s S) float64 { return acc + s.Area() })
}

func Fold[T, A any](xs []T, init A, f func(A, T) A) A {
	for _, x := range xs {
		init = f(init, x)
	}
	return init
}

func SortedBy[T any, K cmp.Ordered](xs []T, key func(T) K) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return out
}

// cell
type Registry[K comparable, V any] struct {
	items map[K]V
	order []K
}

func (r *Registry[K, V]) Put(k K, v V) {
	if r.items == nil {
		r.items = map[K]V{}
	}
	if _, ok := r.items[k]; !ok {
		r.order = append(r.order, k)
	}
	r.items[k] = v
}

func (r *Registry[K, V]) Values() []V {
	out := make([]V, 0, len(r.order))
	for _, k := range r.order {
		out = append(out, r.items[k])
	}
	return out
}

func (r *Registry[K, V]) Keys() []K { return slices.Clone(r.order) }

// cell
func main() {
	rects := []*Rect{{2, 3}, {5, 1}, {1, 1}}
	big, ok := Largest(rects)
	fmt.Println(big.Name(), ok, Names(rects...), TotalArea(rects))
	big.Scale(2)
	fmt.Println(rects[0].Area(), Rest(Rest(rects))[0].Name())

	shapes := []Shape{Circle{1}, rects[1], Circle{0.5}}
	s, _ := Largest(shapes)
	fmt.Println(s.Name(), Names(shapes...), TotalArea(shapes))
	_, none := Largest([]Circle{})
	fmt.Println(none, Names[Circle]())

	byArea := SortedBy(shapes, Shape.Area)
	fmt.Println(Names(byArea...))
	byName := SortedBy(rects, (*Rect).Name)
	fmt.Println(Names(byName...))
	byLen := SortedBy(Names(shapes...), func(n string) int { return len(n) })
	fmt.Println(byLen)

	var reg Registry[string, Shape]
	for _, sh := range shapes {
		reg.Put(strings.Fields(sh.Name())[0], sh)
	}
	reg.Put("extra", &Rect{3, 3})
	fmt.Println(reg.Keys(), Names(reg.Values()...))
	var grid Registry[[2]int, []*Rect]
	grid.Put([2]int{0, 1}, rects[:1])
	grid.Put([2]int{1, 0}, rects[1:])
	grid.Put([2]int{0, 1}, nil)
	fmt.Println(grid.Keys(), len(grid.Values()[0]), len(grid.Values()[1]))
	l, _ := Largest(grid.Values()[1])
	fmt.Printf("%s %.1f\n", l.Name(), Fold(grid.Keys(), 0.0, func(a float64, k [2]int) float64 { return a + float64(k[0]+k[1]) }))
}
