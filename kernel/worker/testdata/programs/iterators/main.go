// Iterators: iter.Pull, Seq2 over a custom collection, early break with
// cleanup, iterator adapters, and the slices and maps iterator funcs.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

type Ring[T any] struct {
	items []T
	start int
}

func (r *Ring[T]) Push(v T) { r.items = append(r.items, v) }
func (r *Ring[T]) Rotate(n int) {
	if len(r.items) > 0 {
		r.start = (r.start + n) % len(r.items)
	}
}

func (r *Ring[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := range r.items {
			if !yield(i, r.items[(r.start+i)%len(r.items)]) {
				return
			}
		}
	}
}

func Lines(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for line := range strings.SplitSeq(s, "\n") {
			if line == "" {
				continue
			}
			if !yield(line) {
				return
			}
		}
	}
}

func MapSeq[T, U any](seq iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Zip[A, B any](a iter.Seq[A], b iter.Seq[B]) iter.Seq2[A, B] {
	return func(yield func(A, B) bool) {
		nextB, stop := iter.Pull(b)
		defer stop()
		for va := range a {
			vb, ok := nextB()
			if !ok || !yield(va, vb) {
				return
			}
		}
	}
}

func main() {
	var r Ring[string]
	for _, s := range []string{"a", "b", "c", "d"} {
		r.Push(s)
	}
	r.Rotate(2)
	for i, v := range r.All() {
		fmt.Print(i, v, " ")
	}
	fmt.Println()
	for i, v := range r.All() {
		if i == 2 {
			break
		}
		fmt.Print(v)
	}
	fmt.Println()
	text := "alpha\n\nbeta\ngamma\n"
	upper := slices.Collect(MapSeq(Lines(text), strings.ToUpper))
	fmt.Println(upper, len(upper))
	lens := slices.Collect(MapSeq(Lines(text), func(s string) int { return len(s) }))
	fmt.Println(lens)
	for a, b := range Zip(Lines(text), slices.Values([]int{1, 2})) {
		fmt.Println(a, b)
	}
	next, stop := iter.Pull(Lines(text))
	first, ok1 := next()
	second, ok2 := next()
	stop()
	third, ok3 := next()
	fmt.Printf("%q %v %q %v %q %v\n", first, ok1, second, ok2, third, ok3)
	m := map[string]int{"x": 3, "y": 1, "z": 2}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Print(k, m[k], ";")
	}
	fmt.Println()
	inv := maps.Collect(func(yield func(int, string) bool) {
		for k, v := range m {
			if !yield(v, k) {
				return
			}
		}
	})
	fmt.Println(inv)
	idx := slices.IndexFunc(upper, func(s string) bool { return strings.HasPrefix(s, "G") })
	fmt.Println(idx, slices.Contains(upper, "BETA"), slices.Max(lens))
	sorted := slices.SortedFunc(slices.Values([]string{"bb", "a", "ccc"}), func(a, b string) int { return len(b) - len(a) })
	fmt.Println(sorted)
}
