// Batches and nested generics: iterators that yield slices, generic
// helpers over funcs of the standard library, method values of generic
// types over composite types, and maps of instances declared at top level.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// cell
// Batches yields xs in runs of n (the last may be shorter).
func Batches[T any](xs []T, n int) iter.Seq[[]T] {
	return func(yield func([]T) bool) {
		for i := 0; i < len(xs); i += n {
			if !yield(xs[i:min(i+n, len(xs))]) {
				return
			}
		}
	}
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Flatten[T any](xss [][]T) []T {
	var out []T
	for _, xs := range xss {
		out = append(out, xs...)
	}
	return out
}

func Zip[A, B any](as []A, bs []B) []struct {
	A A
	B B
} {
	n := min(len(as), len(bs))
	out := make([]struct {
		A A
		B B
	}, n)
	for i := range n {
		out[i].A, out[i].B = as[i], bs[i]
	}
	return out
}

// cell
type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func (s *Stack[T]) Drain() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := s.Pop()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

var stacks = map[string]*Stack[[]string]{}

func stackFor(name string) *Stack[[]string] {
	s, ok := stacks[name]
	if !ok {
		s = &Stack[[]string]{}
		stacks[name] = s
	}
	return s
}

// cell
func main() {
	words := strings.Fields("the quick brown fox jumps over the lazy dog")
	var sizes []int
	for b := range Batches(words, 4) {
		sizes = append(sizes, len(b))
		stackFor("batches").Push(b)
	}
	fmt.Println(sizes, len(stacks["batches"].items))

	push := stackFor("split").Push
	for _, w := range words[:3] {
		push(strings.Split(w, ""))
	}
	var drained [][]string
	for v := range stackFor("split").Drain() {
		drained = append(drained, v)
	}
	fmt.Println(drained, Flatten(drained)[:4])

	lens := Map(words, func(w string) int { return len(w) })
	long := Filter(words, func(w string) bool { return len(w) > 4 })
	fields := Map([]string{"a b", "c"}, strings.Fields)
	fmt.Println(lens, long, fields, len(fields[0]))

	nums := Map(Map([]int{3, 14, 15}, strconv.Itoa), func(s string) []byte { return []byte(s) })
	fmt.Println(nums, string(Flatten(nums)))

	pairs := Zip(words[:3], lens)
	fmt.Println(pairs, pairs[1].A, pairs[1].B)
	fmt.Printf("%v %+v\n", pairs[0], pairs[2])

	var grid [][]float64
	for row := range Batches([]float64{1, 2, 3, 4, 5, 6}, 3) {
		grid = append(grid, slices.Clone(row))
	}
	grid[0][0] = 9
	fmt.Println(grid, slices.Collect(Batches(grid, 1)))

	names := slices.Sorted(maps.Keys(stacks))
	fmt.Println(names)
	var st Stack[map[string]int]
	st.Push(map[string]int{"a": 1})
	st.Push(nil)
	top, _ := st.Pop()
	next, ok := st.Pop()
	_, empty := st.Pop()
	fmt.Println(top == nil, next, ok, empty)
}
