// Closures and funcs as values: counters, memoization, method expressions
// and values, defer order, funcs returning funcs, and recursion.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Temp float64

func (t Temp) Celsius() float64      { return float64(t) }
func (t *Temp) Add(d float64)        { *t += Temp(d) }
func (t Temp) Scaled(f float64) Temp { return t * Temp(f) }

func counter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 0 }
}

func memo[K comparable, V any](f func(K) V) (func(K) V, *int) {
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

func compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {
	return func(a A) C { return g(f(a)) }
}

func trace(log *[]string, name string) func() {
	*log = append(*log, "enter "+name)
	return func() { *log = append(*log, "exit "+name) }
}

func nested(log *[]string) {
	defer trace(log, "outer")()
	for i := range 3 {
		defer func() { *log = append(*log, fmt.Sprint("d", i)) }()
	}
	*log = append(*log, "body")
}

func main() {
	next, reset := counter()
	next()
	next()
	fmt.Println(next())
	reset()
	fmt.Println(next())

	var slowCalls int
	var fib func(int) int
	fastFib, misses := memo(func(n int) int {
		slowCalls++
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	})
	fib = fastFib
	fmt.Println(fib(50), *misses, slowCalls)

	upperLen := compose(strings.ToUpper, func(s string) int { return len(s) })
	fmt.Println(upperLen("hello"), compose(upperLen, func(n int) bool { return n > 3 })("hi"))

	t := Temp(20)
	add := t.Add
	add(5)
	scale := Temp.Scaled
	celsius := (*Temp).Celsius
	fmt.Println(t, scale(t, 2), celsius(&t))
	fs := []func(float64) Temp{t.Scaled, Temp(1).Scaled}
	t = 100
	fmt.Println(fs[0](2), fs[1](3))

	var log []string
	nested(&log)
	fmt.Println(strings.Join(log, ","))

	ops := map[string]func(a, b int) int{
		"+": func(a, b int) int { return a + b },
		"-": func(a, b int) int { return a - b },
		"*": func(a, b int) int { return a * b },
	}
	keys := make([]string, 0, len(ops))
	for k := range ops {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Print(k, ops[k](7, 3), " ")
	}
	fmt.Println()
	var acc []func() string
	for _, w := range []string{"a", "b", "c"} {
		acc = append(acc, func() string { return w + w })
	}
	for _, f := range acc {
		fmt.Print(f())
	}
	fmt.Println()
	apply := func(fs ...func(int) int) func(int) int {
		return func(x int) int {
			for _, f := range fs {
				x = f(x)
			}
			return x
		}
	}
	fmt.Println(apply(func(x int) int { return x + 1 }, func(x int) int { return x * 10 })(4))
}
