// Generic channel pipelines and containers over composite element types:
// generators and merges of channels of slices, conversions to type
// parameters, zero values compared, named results with defers, and
// embedded generic structs.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
)

// cell
func Gen[T any](xs ...T) <-chan T {
	out := make(chan T, len(xs))
	for _, x := range xs {
		out <- x
	}
	close(out)
	return out
}

func Merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func Drain[T any](c <-chan T) []T {
	var out []T
	for v := range c {
		out = append(out, v)
	}
	return out
}

func Stage[T, U any](in <-chan T, f func(T) U) <-chan U {
	out := make(chan U)
	go func() {
		defer close(out)
		for v := range in {
			out <- f(v)
		}
	}()
	return out
}

// cell
type Celsius float64
type Count int

func Conv[T ~int | ~float64](x int) T { return T(x) * 2 }

func IsZero[T comparable](v T) bool {
	var zero T
	return v == zero
}

func FirstNonZero[T comparable](vs ...T) (res T, idx int) {
	idx = -1
	defer func() {
		if idx < 0 {
			res = vs[len(vs)-1]
		}
	}()
	for i, v := range vs {
		if !IsZero(v) {
			return v, i
		}
	}
	return
}

// cell
type Base[T any] struct {
	items []T
}

func (b *Base[T]) Add(v T)   { b.items = append(b.items, v) }
func (b *Base[T]) Len() int  { return len(b.items) }
func (b Base[T]) Items() []T { return slices.Clone(b.items) }

type Tagged[T any] struct {
	Base[T]
	Tag string
}

func (t Tagged[T]) String() string { return fmt.Sprintf("%s(%d)", t.Tag, t.Len()) }

func Index[K comparable, V any](vs []V, key func(V) K) map[K][]V {
	out := map[K][]V{}
	for _, v := range vs {
		k := key(v)
		out[k] = append(out[k], v)
	}
	return out
}

func SortedPairs[K ~string, V any](m map[K]V) iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		keys := slices.Collect(maps.Keys(m))
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// cell
func main() {
	batches := Drain(Merge(Gen([]int{1, 2}, []int{3}), Gen([]int{4, 5, 6})))
	sort.Slice(batches, func(i, j int) bool { return batches[i][0] < batches[j][0] })
	fmt.Println(batches, len(batches))
	sizes := Drain(Stage(Gen(batches...), func(b []int) int { return len(b) }))
	fmt.Println(sizes)
	words := Drain(Stage(Gen("a b", "c d e"), strings.Fields))
	fmt.Println(words, len(words[1]))

	fmt.Println(Conv[Celsius](3), Conv[Count](4), Conv[float64](1))
	fmt.Println(IsZero(0), IsZero(""), IsZero([2]int{}), IsZero(Celsius(0.5)), IsZero[*int](nil))
	v, i := FirstNonZero(0, 0, 7, 8)
	w, j := FirstNonZero("", "")
	p, k := FirstNonZero([2]string{}, [2]string{"x", ""})
	fmt.Printf("%v %d %q %d %v %d\n", v, i, w, j, p, k)

	var t Tagged[[]string]
	t.Tag = "words"
	t.Add([]string{"x"})
	t.Add(nil)
	fmt.Println(t, t.Items(), t.Base.Len())
	var tp Tagged[*Tagged[int]]
	tp.Add(&Tagged[int]{Tag: "inner"})
	fmt.Println(tp.Items()[0], tp)

	idx := Index([]string{"apple", "avocado", "banana", "blueberry", "cherry"}, func(s string) string { return s[:1] })
	for k, vs := range SortedPairs(idx) {
		fmt.Print(k, ":", len(vs), " ")
	}
	fmt.Println()
	type Label string
	labels := map[Label][]int{"b": {2}, "a": {1, 1}}
	for k, vs := range SortedPairs(labels) {
		fmt.Print(k, vs, ";")
	}
	fmt.Println()
}
