package worker

// slicesExtra adds to the interpreter's slices package the sorting and
// searching functions its generic sources lack. They lean on the compiled
// sort package; element-typed signatures ([]E rather than S ~[]E) because
// yaegi cannot infer E from S alone.
const slicesExtra = `package slices

import (
	"iter"
	"sort"
)

// All returns an iterator over the index-value pairs of s (Go 1.23).
func All[E any](s []E) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Values returns an iterator over the values of s.
func Values[E any](s []E) iter.Seq[E] {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// Backward returns an iterator over the index-value pairs of s, from the end.
func Backward[E any](s []E) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// Collect returns the values of seq in a new slice. (The interpreter
// cannot infer E from an iterator: the cell compiler writes it in.)
func Collect[E any](seq iter.Seq[E]) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// AppendSeq appends the values of seq to s.
func AppendSeq[E any](s []E, seq iter.Seq[E]) []E {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Sorted returns the values of seq, sorted.
func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E {
	s := Collect[E](seq)
	Sort(s)
	return s
}

// Sort sorts x in ascending order.
func Sort[E cmp.Ordered](x []E) {
	sort.Slice(x, func(i, j int) bool { return x[i] < x[j] })
}

// SortFunc sorts x by c, which returns a negative number when a < b.
func SortFunc[E any](x []E, c func(a, b E) int) {
	sort.Slice(x, func(i, j int) bool { return c(x[i], x[j]) < 0 })
}

// SortStableFunc sorts x by c, keeping the order of equal elements.
func SortStableFunc[E any](x []E, c func(a, b E) int) {
	sort.SliceStable(x, func(i, j int) bool { return c(x[i], x[j]) < 0 })
}

// IsSorted reports whether x is in ascending order.
func IsSorted[E cmp.Ordered](x []E) bool {
	for i := 1; i < len(x); i++ {
		if x[i] < x[i-1] {
			return false
		}
	}
	return true
}

// Min returns the smallest element; it panics on an empty slice.
func Min[E cmp.Ordered](x []E) E {
	if len(x) == 0 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v < m {
			m = v
		}
	}
	return m
}

// Max returns the largest element; it panics on an empty slice.
func Max[E cmp.Ordered](x []E) E {
	if len(x) == 0 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v > m {
			m = v
		}
	}
	return m
}

// BinarySearch finds target in sorted x: its position, or where it would go.
func BinarySearch[E cmp.Ordered](x []E, target E) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return x[i] >= target })
	return i, i < len(x) && x[i] == target
}
`

// iterSource is package iter (Go 1.23), which the interpreter's standard
// library predates: a range over a func works in cells (see cell.Typed).
const iterSource = `package iter

// Seq is an iterator over sequences of individual values: a range over it
// calls it with the loop body as yield.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over sequences of pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)
`

// mapsExtra adds the iterator functions of Go 1.23 to the interpreter's
// maps package.
const mapsExtra = `package maps

import "iter"

// All returns an iterator over the key-value pairs of m.
func All[K comparable, V any](m map[K]V) iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}

// Keys returns an iterator over the keys of m.
func Keys[K comparable, V any](m map[K]V) iter.Seq[K] {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Values returns an iterator over the values of m.
func Values[K comparable, V any](m map[K]V) iter.Seq[V] {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// Insert adds the pairs of seq to m.
func Insert[K comparable, V any](m map[K]V, seq iter.Seq2[K, V]) {
	seq(func(k K, v V) bool {
		m[k] = v
		return true
	})
}

// Collect returns the pairs of seq in a new map. (The interpreter cannot
// infer K and V from an iterator: the cell compiler writes them in.)
func Collect[K comparable, V any](seq iter.Seq2[K, V]) map[K]V {
	m := map[K]V{}
	Insert[K, V](m, seq)
	return m
}
`
