// The iterator-era standard library: slices and maps funcs over
// iter.Seq, iter.Pull, slices.Chunk, strings.SplitSeq and FieldsSeq,
// slices.BinarySearchFunc, and our own adapters.
package main

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Map[T, U any](seq iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(f(v)) {
				return
			}
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

func Naturals() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 1; ; i++ {
			if !yield(i) {
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

type Person struct {
	Name string
	Age  int
}

func main() {
	squares := Map(Filter(Naturals(), func(n int) bool { return n%3 == 0 }), func(n int) int { return n * n })
	fmt.Println(slices.Collect(Take(squares, 5)))

	words := strings.Fields("delta alpha charlie bravo echo alpha")
	sorted := slices.Sorted(slices.Values(words))
	fmt.Println(sorted, slices.Compact(sorted))
	for i, chunk := range slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5, 6, 7}, 3)) {
		fmt.Print(i, chunk, " ")
	}
	fmt.Println()

	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := slices.Sorted(maps.Keys(m))
	vals := slices.Sorted(maps.Values(m))
	fmt.Println(keys, vals)
	inverted := maps.Collect(func(yield func(int, string) bool) {
		for k, v := range m {
			if !yield(v, k) {
				return
			}
		}
	})
	fmt.Println(inverted)
	for k, v := range maps.All(map[string]bool{"only": true}) {
		fmt.Println(k, v)
	}

	next, stop := iter.Pull(Take(Naturals(), 3))
	for {
		v, ok := next()
		if !ok {
			break
		}
		fmt.Print(v, ";")
	}
	stop()
	fmt.Println()

	for a, b := range Zip(slices.Values([]string{"x", "y", "z"}), Naturals()) {
		fmt.Print(a, b, " ")
	}
	fmt.Println()

	var parts []string
	for p := range strings.SplitSeq("a,b,,c", ",") {
		parts = append(parts, "["+p+"]")
	}
	fmt.Println(strings.Join(parts, ""))
	n := 0
	for range strings.FieldsSeq("  one two   three ") {
		n++
	}
	fmt.Println(n)

	people := []Person{{"ann", 30}, {"bob", 25}, {"cid", 35}, {"dee", 25}}
	slices.SortStableFunc(people, func(a, b Person) int { return cmp.Compare(a.Age, b.Age) })
	fmt.Println(people)
	i, found := slices.BinarySearchFunc(people, 30, func(p Person, age int) int { return cmp.Compare(p.Age, age) })
	fmt.Println(i, found)
	idx := slices.IndexFunc(people, func(p Person) bool { return p.Name == "cid" })
	oldest := slices.MaxFunc(people, func(a, b Person) int { return cmp.Compare(a.Age, b.Age) })
	fmt.Println(idx, oldest, slices.ContainsFunc(people, func(p Person) bool { return p.Age > 40 }))
	for i, p := range slices.Backward(people) {
		if i < 2 {
			break
		}
		fmt.Print(p.Name, " ")
	}
	fmt.Println()
	byAge := map[int][]string{}
	for _, p := range people {
		byAge[p.Age] = append(byAge[p.Age], p.Name)
	}
	for _, age := range slices.Sorted(maps.Keys(byAge)) {
		fmt.Print(age, byAge[age], " ")
	}
	fmt.Println()
	fmt.Println(slices.Repeat([]string{"ab"}, 3), slices.Insert([]int{1, 4}, 1, 2, 3))
}
