// Closures as generators, iterators (iter.Seq) composed, and the slices
// and maps packages' iterator functions.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func counter(start, step int) func() int {
	n := start - step
	return func() int {
		n += step
		return n
	}
}

func fibs() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func Take[T any](seq iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range seq {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func FilterSeq[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Enumerate[T any](xs []T) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, x := range xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func main() {
	c := counter(10, 5)
	fmt.Println(c(), c(), c())
	d := counter(0, -1)
	fmt.Println(d(), d(), c())

	for f := range Take(fibs(), 10) {
		fmt.Print(f, " ")
	}
	fmt.Println()
	evens := slices.Collect(Take(FilterSeq(fibs(), func(n int) bool { return n%2 == 0 }), 5))
	fmt.Println(evens)
	for i, s := range Enumerate([]string{"x", "y"}) {
		fmt.Println(i, s)
	}
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys)
	vals := slices.Collect(maps.Values(m))
	slices.Sort(vals)
	fmt.Println(vals)
	for i, v := range slices.Backward([]string{"p", "q", "r"}) {
		fmt.Print(i, v, " ")
	}
	fmt.Println()
	words := strings.Fields("the cat sat on the mat")
	upper := slices.Collect(func(yield func(string) bool) {
		for _, w := range words {
			if !yield(strings.ToUpper(w)) {
				return
			}
		}
	})
	fmt.Println(upper, slices.Index(words, "sat"), slices.Contains(words, "dog"))
	chunks := slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5}, 2))
	fmt.Println(chunks, slices.Compact([]int{1, 1, 2, 2, 2, 3, 1}), slices.Repeat([]string{"ab"}, 2))
	found := -1
	for i, f := range Enumerate(slices.Collect(Take(fibs(), 20))) {
		if f > 100 {
			found = i
			break
		}
	}
	fmt.Println("first fib over 100 at", found)
	var fns []func() int
	for i := range 3 {
		fns = append(fns, func() int { return i * i })
	}
	for _, f := range fns {
		fmt.Print(f(), ",")
	}
	fmt.Println()
	m2 := maps.Collect(Enumerate([]string{"z", "w"}))
	fmt.Println(m2, len(m2))
	for line := range strings.Lines("a\nb\n") {
		fmt.Printf("%q ", line)
	}
	fmt.Println()
}
