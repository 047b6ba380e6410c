// Generic funcs: partial type arguments, funcs as type arguments, type
// sets, generic funcs over channels, and generic results used generically.
package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

type Float interface{ ~float32 | ~float64 }

type Number interface{ Integer | Float }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func Convert[To, From Number](xs []From) []To {
	return Map(xs, func(x From) To { return To(x) })
}

func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T {
	out := map[K][]T{}
	for _, x := range xs {
		k := key(x)
		out[k] = append(out[k], x)
	}
	return out
}

func Keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func SortedBy[T any, K Number | ~string](xs []T, key func(T) K) []T {
	out := append([]T(nil), xs...)
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

func Pipe[T any](in []T, stages ...func(<-chan T) <-chan T) []T {
	src := make(chan T)
	go func() {
		for _, v := range in {
			src <- v
		}
		close(src)
	}()
	var c <-chan T = src
	for _, s := range stages {
		c = s(c)
	}
	var out []T
	for v := range c {
		out = append(out, v)
	}
	return out
}

func Stage[T any](f func(T) T) func(<-chan T) <-chan T {
	return func(in <-chan T) <-chan T {
		out := make(chan T)
		go func() {
			for v := range in {
				out <- f(v)
			}
			close(out)
		}()
		return out
	}
}

type Celsius float64

func Abs[T Number](x T) T {
	if x < 0 {
		return -x
	}
	return x
}

func main() {
	ints := []int{3, -1, 4}
	fmt.Println(Convert[float64](ints), Convert[int8, float64]([]float64{1.9, -2.5}))
	strs := Map(ints, strconv.Itoa)
	fmt.Println(strs, Map(strs, func(s string) int { return len(s) }))
	words := strings.Fields("apple avocado banana blueberry cherry")
	groups := GroupBy(words, func(w string) byte { return w[0] })
	ks := Keys(groups)
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	for _, k := range ks {
		fmt.Print(string(k), groups[k], " ")
	}
	fmt.Println()
	fmt.Println(SortedBy(words, func(w string) int { return len(w) }), SortedBy(ints, func(i int) int { return -i }))
	out := Pipe([]int{1, 2, 3}, Stage(func(x int) int { return x * 10 }), Stage(func(x int) int { return x + 1 }))
	fmt.Println(out)
	fmt.Println(Abs(-3), Abs(2.5), Abs(Celsius(-4)), Abs[int8](-8))
	lens := Map(Map(words, strings.ToUpper), func(s string) string { return s[:2] })
	fmt.Println(lens)
}
