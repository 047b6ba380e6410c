// Ring buffers over windows of readings, generic helpers of one and two
// type parameters instantiated with slices, maps and pointers, iterators,
// and method values.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"strings"
)

// cell
// Ring keeps the last n values pushed.
type Ring[T any] struct {
	buf  []T
	next int
	full bool
}

func NewRing[T any](n int) *Ring[T] { return &Ring[T]{buf: make([]T, n)} }

func (r *Ring[T]) Push(v T) {
	r.buf[r.next] = v
	r.next = (r.next + 1) % len(r.buf)
	if r.next == 0 {
		r.full = true
	}
}

func (r *Ring[T]) Len() int {
	if r.full {
		return len(r.buf)
	}
	return r.next
}

// All yields the values oldest first.
func (r *Ring[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		start := 0
		if r.full {
			start = r.next
		}
		for i := range r.Len() {
			if !yield(r.buf[(start+i)%len(r.buf)]) {
				return
			}
		}
	}
}

func (r *Ring[T]) Slice() []T { return slices.Collect(r.All()) }

// cell
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

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func Concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func Pairs[K cmp.Ordered, V any](m map[K]V) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, fmt.Sprint(k, "=", m[k]))
	}
	return out
}

func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return Reduce(xs, 0.0, func(a, x float64) float64 { return a + x }) / float64(len(xs))
}

// Windowed pushes each batch into a ring and returns, after each, the
// batches the ring holds, flattened.
func Windowed[T any](n int, batches ...[]T) [][]T {
	r := NewRing[[]T](n)
	var out [][]T
	for _, b := range batches {
		r.Push(b)
		out = append(out, Concat(r.Slice()...))
	}
	return out
}

// cell
type Reading struct {
	Sensor string
	Value  float64
}

type Stats struct {
	Count    int
	Min, Max float64
}

func (s Stats) String() string { return fmt.Sprintf("n=%d [%.1f,%.1f]", s.Count, s.Min, s.Max) }

var ErrEmpty = errors.New("no readings")

func Summarize(rs []*Reading) (map[string]Stats, error) {
	if len(rs) == 0 {
		return nil, ErrEmpty
	}
	out := map[string]Stats{}
	for _, r := range rs {
		s, ok := out[r.Sensor]
		if !ok {
			s = Stats{Min: r.Value, Max: r.Value}
		}
		s.Count++
		s.Min = min(s.Min, r.Value)
		s.Max = max(s.Max, r.Value)
		out[r.Sensor] = s
	}
	return out, nil
}

// cell
func main() {
	r := NewRing[float64](3)
	for _, v := range []float64{1, 2, 3, 4, 5} {
		r.Push(v)
	}
	fmt.Println(r.Slice(), r.Len(), Mean(r.Slice()))

	w := Windowed(2, []int{1}, []int{2, 3}, []int{4})
	fmt.Println(w)

	rs := NewRing[*Reading](4)
	for i, s := range []string{"a", "b", "a", "c", "a"} {
		rs.Push(&Reading{s, float64(i) * 1.5})
	}
	sum, err := Summarize(rs.Slice())
	fmt.Println(Pairs(sum), err)
	_, err = Summarize(nil)
	fmt.Println(errors.Is(err, ErrEmpty))

	names := Map(rs.Slice(), func(r *Reading) string { return r.Sensor })
	fmt.Println(names, Filter(names, func(s string) bool { return s != "a" }))

	rings := Map([]int{1, 2}, func(n int) *Ring[string] { return NewRing[string](n) })
	push := rings[1].Push
	push("x")
	push("y")
	push("z")
	fmt.Println(rings[1].Slice(), rings[0].Len())

	grouped := map[string][]float64{}
	for _, rd := range rs.Slice() {
		grouped[rd.Sensor] = append(grouped[rd.Sensor], rd.Value)
	}
	means := map[string]float64{}
	for k, vs := range grouped {
		means[k] = Mean(vs)
	}
	fmt.Println(Pairs(means))
	keys := slices.Collect(maps.Keys(grouped))
	sort.Strings(keys)
	fmt.Println(strings.Join(keys, ","), len(Concat(slices.Collect(maps.Values(grouped))...)))

	nested := Windowed(3, [][]string{{"p"}}, [][]string{{"q", "r"}})
	fmt.Println(nested, len(nested[1]))
}
