// Iterator adapters over iter.Seq: Filter, Map, Take, Chain, Zip with
// iter.Pull, a generic tree walked in order, and maps and slices helpers
// consuming them.
package main

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Count(start int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := start; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func Filter[T any](s iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range s {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Map[T, U any](s iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range s {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Take[T any](s iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range s {
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

func Chain[T any](seqs ...iter.Seq[T]) iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, s := range seqs {
			for v := range s {
				if !yield(v) {
					return
				}
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

type Tree[K cmp.Ordered] struct {
	root *node[K]
	n    int
}

type node[K cmp.Ordered] struct {
	key         K
	left, right *node[K]
}

func (t *Tree[K]) Insert(keys ...K) {
	for _, k := range keys {
		p := &t.root
		for *p != nil {
			switch c := cmp.Compare(k, (*p).key); {
			case c < 0:
				p = &(*p).left
			case c > 0:
				p = &(*p).right
			default:
				goto next
			}
		}
		*p = &node[K]{key: k}
		t.n++
	next:
	}
}

func (t *Tree[K]) All() iter.Seq[K] {
	return func(yield func(K) bool) {
		var walk func(n *node[K]) bool
		walk = func(n *node[K]) bool {
			return n == nil || walk(n.left) && yield(n.key) && walk(n.right)
		}
		walk(t.root)
	}
}

func main() {
	isPrime := func(n int) bool {
		if n < 2 {
			return false
		}
		for d := 2; d*d <= n; d++ {
			if n%d == 0 {
				return false
			}
		}
		return true
	}
	primes := slices.Collect(Take(Filter(Count(1), isPrime), 10))
	fmt.Println(primes)
	squares := Map(Take(Count(1), 5), func(n int) string { return fmt.Sprint(n * n) })
	fmt.Println(strings.Join(slices.Collect(squares), ","))
	fmt.Println(slices.Collect(Chain(slices.Values([]int{1, 2}), Take(Count(10), 2), slices.Values([]int{}))))

	for i, p := range Zip(Count(0), slices.Values(primes[:4])) {
		fmt.Print(i, ":", p, " ")
	}
	fmt.Println()
	names := []string{"ada", "grace", "linus"}
	m := maps.Collect(Zip(slices.Values(names), Map(slices.Values(names), func(s string) int { return len(s) })))
	fmt.Println(m, slices.Sorted(maps.Keys(m)), slices.Sorted(maps.Values(m)))

	var t Tree[string]
	t.Insert(strings.Fields("m c x a e z c m")...)
	fmt.Println(t.n, slices.Collect(t.All()))
	fmt.Println(slices.Collect(Take(t.All(), 3)), slices.Collect(Filter(t.All(), func(s string) bool { return s > "d" })))
	first, stop := iter.Pull(t.All())
	a, ok1 := first()
	b, ok2 := first()
	stop()
	c, ok3 := first()
	fmt.Printf("%q %v %q %v %q %v\n", a, ok1, b, ok2, c, ok3)

	var nums Tree[float64]
	nums.Insert(3.5, -1, 2, 3.5)
	total := 0.0
	for v := range nums.All() {
		if v > 3 {
			break
		}
		total += v
	}
	fmt.Println(total, slices.Max(slices.Collect(nums.All())))
}
