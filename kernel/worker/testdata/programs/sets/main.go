// A generic Set over maps, with methods returning Sets, and a generic
// pair type and functions over comparable and ordered types.
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Set[T comparable] map[T]struct{}

func NewSet[T comparable](xs ...T) Set[T] {
	s := Set[T]{}
	for _, x := range xs {
		s.Add(x)
	}
	return s
}

func (s Set[T]) Add(x T)      { s[x] = struct{}{} }
func (s Set[T]) Has(x T) bool { _, ok := s[x]; return ok }
func (s Set[T]) Len() int     { return len(s) }
func (s Set[T]) Union(o Set[T]) Set[T] {
	out := NewSet[T]()
	for x := range s {
		out.Add(x)
	}
	for x := range o {
		out.Add(x)
	}
	return out
}
func (s Set[T]) Intersect(o Set[T]) Set[T] {
	out := Set[T]{}
	for x := range s {
		if o.Has(x) {
			out.Add(x)
		}
	}
	return out
}

func Sorted[T cmp.Ordered](s Set[T]) []T {
	out := make([]T, 0, len(s))
	for x := range s {
		out = append(out, x)
	}
	slices.Sort(out)
	return out
}

type Pair[A, B any] struct {
	First  A
	Second B
}

func (p Pair[A, B]) String() string { return fmt.Sprintf("<%v, %v>", p.First, p.Second) }

func Zip[A, B any](as []A, bs []B) []Pair[A, B] {
	n := min(len(as), len(bs))
	out := make([]Pair[A, B], n)
	for i := range n {
		out[i] = Pair[A, B]{as[i], bs[i]}
	}
	return out
}

func MaxBy[T any, K cmp.Ordered](xs []T, key func(T) K) (T, bool) {
	var best T
	if len(xs) == 0 {
		return best, false
	}
	best = xs[0]
	for _, x := range xs[1:] {
		if key(x) > key(best) {
			best = x
		}
	}
	return best, true
}

func main() {
	a := NewSet(1, 2, 3, 4)
	b := NewSet(3, 4, 5)
	fmt.Println(Sorted(a.Union(b)), Sorted(a.Intersect(b)), a.Has(2), b.Has(2), a.Union(b).Len())
	words := NewSet(strings.Fields("to be or not to be")...)
	fmt.Println(Sorted(words), words.Len())
	ps := Zip([]string{"a", "b", "c"}, []int{1, 2})
	fmt.Println(ps, len(ps))
	fmt.Println(ps[0], ps[1].Second)
	best, ok := MaxBy(ps, func(p Pair[string, int]) int { return p.Second })
	fmt.Println(best, ok)
	longest, _ := MaxBy(strings.Fields("go is a fun language"), func(s string) int { return len(s) })
	fmt.Println(longest)
	_, ok = MaxBy([]float64{}, func(f float64) float64 { return f })
	fmt.Println(ok)
	empty := Set[string]{}
	fmt.Println(empty.Len(), Sorted(empty) == nil, len(Sorted(empty)))
}
