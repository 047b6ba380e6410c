// Functions as values: memoization with a generic wrapper, composition,
// currying, recursive closures declared first, defer order, and a
// middleware-style chain of decorators.
package main

import (
	"fmt"
	"sort"
	"strings"
)

func Memo[K comparable, V any](f func(K) V) (func(K) V, *int) {
	cache := map[K]V{}
	misses := 0
	return func(k K) V {
		if v, ok := cache[k]; ok {
			return v
		}
		misses++
		v := f(k)
		cache[k] = v
		return v
	}, &misses
}

func Compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {
	return func(a A) C { return g(f(a)) }
}

func Curry[A, B, C any](f func(A, B) C) func(A) func(B) C {
	return func(a A) func(B) C { return func(b B) C { return f(a, b) } }
}

func Pipeline[T any](fs ...func(T) T) func(T) T {
	return func(v T) T {
		for _, f := range fs {
			v = f(v)
		}
		return v
	}
}

type Handler func(string) string

type Decorator func(Handler) Handler

func Chain(h Handler, ds ...Decorator) Handler {
	for i := len(ds) - 1; i >= 0; i-- {
		h = ds[i](h)
	}
	return h
}

func Tag(name string) Decorator {
	return func(next Handler) Handler {
		return func(s string) string { return "<" + name + ">" + next(s) + "</" + name + ">" }
	}
}

func Logging(log *[]string) Decorator {
	return func(next Handler) Handler {
		return func(s string) string {
			*log = append(*log, "in:"+s)
			out := next(s)
			*log = append(*log, "out:"+out)
			return out
		}
	}
}

func deferOrder() (out []string) {
	for i := range 3 {
		defer func() { out = append(out, fmt.Sprint("d", i)) }()
	}
	out = append(out, "body")
	return out
}

func main() {
	var fib func(int) int
	calls := 0
	fib = func(n int) int {
		calls++
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	fmt.Println(fib(20), calls)

	var mfib func(int) int
	var misses *int
	mfib, misses = Memo(func(n int) int {
		if n < 2 {
			return n
		}
		return mfib(n-1) + mfib(n-2)
	})
	fmt.Println(mfib(80), *misses, mfib(50), *misses)

	wordLen, m := Memo(func(s string) int { return len(strings.Fields(s)) })
	fmt.Println(wordLen("a b c"), wordLen("a b c"), wordLen("x"), *m)

	shout := Compose(strings.TrimSpace, strings.ToUpper)
	exclaim := Compose(shout, func(s string) string { return s + "!" })
	fmt.Println(exclaim("  hello  "))

	add := Curry(func(a, b int) int { return a + b })
	inc := add(1)
	fmt.Println(inc(41), add(10)(5))
	join := Curry(strings.Join)
	fmt.Println(join([]string{"a", "b"})("-"))

	p := Pipeline(func(x int) int { return x * 2 }, func(x int) int { return x + 3 }, inc)
	fmt.Println(p(5), Pipeline[string]()("same"))

	var log []string
	h := Chain(strings.ToUpper, Logging(&log), Tag("b"), Tag("i"))
	fmt.Println(h("go"))
	fmt.Println(log)

	fmt.Println(deferOrder())

	ops := map[string]func(float64, float64) float64{
		"add": func(a, b float64) float64 { return a + b },
		"mul": func(a, b float64) float64 { return a * b },
		"pow": func(a, b float64) float64 {
			r := 1.0
			for range int(b) {
				r *= a
			}
			return r
		},
	}
	names := make([]string, 0, len(ops))
	for k := range ops {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Print(n, "=", ops[n](2, 5), " ")
	}
	fmt.Println()

	counters := make([]func() int, 3)
	for i := range counters {
		n := i * 10
		counters[i] = func() int { n++; return n }
	}
	counters[0]()
	fmt.Println(counters[0](), counters[1](), counters[2]())
}
