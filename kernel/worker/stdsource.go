package worker

import (
	"strings"

	"github.com/fountain-go/fountain/kernel/cell"
)

// The standard packages, and parts of them, that the interpreter has from
// source: generic code cannot go into symbol tables. yaegi brings slices,
// maps and cmp as of Go 1.22; these complete them to Go 1.26 and add iter
// and unique. The interpreter compiles them as they are: no min, max,
// clear or range over an int here, and no conversion to a type parameter.

// slicesExtra adds to the interpreter's slices package the sorting and
// searching functions its generic sources lack, and what Go added since.
// The sorting funcs lean on the compiled sort package.
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

// Compare compares the elements of s1 and s2 in order (cmp.Compare), then
// their lengths. (Its own source's constraint the interpreter checks
// wrongly: see inlineOrdered. It keeps S: yaegi keeps one instance per
// func name and type arguments across packages, and Compare[E] would be
// cmp.Compare's.)
func Compare[S ~[]E, E cmp.Ordered](s1, s2 S) int {
	for i := 0; i < len(s1) && i < len(s2); i++ {
		if c := cmp.Compare[E](s1[i], s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	if len(s1) > len(s2) {
		return +1
	}
	return 0
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

// BinarySearchFunc is BinarySearch for x sorted by c, which compares an
// element with the target.
func BinarySearchFunc[E, T any](x []E, target T, c func(E, T) int) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return c(x[i], target) >= 0 })
	return i, i < len(x) && c(x[i], target) == 0
}

// IsSortedFunc reports whether x is in ascending order by c.
func IsSortedFunc[E any](x []E, c func(a, b E) int) bool {
	for i := 1; i < len(x); i++ {
		if c(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// MinFunc returns the first smallest element by c; it panics on an empty
// slice.
func MinFunc[E any](x []E, c func(a, b E) int) E {
	if len(x) == 0 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if c(v, m) < 0 {
			m = v
		}
	}
	return m
}

// MaxFunc returns the first largest element by c; it panics on an empty
// slice.
func MaxFunc[E any](x []E, c func(a, b E) int) E {
	if len(x) == 0 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if c(v, m) > 0 {
			m = v
		}
	}
	return m
}

// SortedFunc returns the values of seq, sorted by c.
func SortedFunc[E any](seq iter.Seq[E], c func(E, E) int) []E {
	s := Collect[E](seq)
	SortFunc(s, c)
	return s
}

// SortedStableFunc returns the values of seq sorted by c, equal ones in
// the order seq gave them.
func SortedStableFunc[E any](seq iter.Seq[E], c func(E, E) int) []E {
	s := Collect[E](seq)
	SortStableFunc(s, c)
	return s
}

// Chunk returns an iterator over consecutive pieces of s of n elements,
// the last one shorter if need be; each has its length as capacity.
func Chunk[S ~[]E, E any](s S, n int) iter.Seq[S] {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func(S) bool) {
		for i := 0; i < len(s); i += n {
			end := i + n
			if end > len(s) {
				end = len(s)
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}

// Repeat returns a new slice holding count copies of x.
func Repeat[S ~[]E, E any](x S, count int) S {
	if count < 0 {
		panic("cannot be negative")
	}
	out := make(S, 0, len(x)*count)
	for i := 0; i < count; i++ {
		out = append(out, x...)
	}
	return out
}

// The interpreter fails on the bodies of the following in its slices
// source (they use clear on a slice of a type parameter's type); these do
// the same without it.

// Compact replaces runs of equal elements by the first of each and returns
// the shorter slice; the elements past its end are zeroed.
func Compact[S ~[]E, E comparable](s S) S {
	if len(s) < 2 {
		return s
	}
	n, prev := 1, s[0]
	for k := 1; k < len(s); k++ {
		cur := s[k]
		if cur != prev {
			s[n] = cur
			n++
		}
		prev = cur
	}
	var zero E
	for k := n; k < len(s); k++ {
		s[k] = zero
	}
	return s[:n]
}

// CompactFunc is Compact with eq telling equal neighbours.
func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S {
	if len(s) < 2 {
		return s
	}
	n, prev := 1, s[0]
	for k := 1; k < len(s); k++ {
		cur := s[k]
		if !eq(prev, cur) {
			s[n] = cur
			n++
		}
		prev = cur
	}
	var zero E
	for k := n; k < len(s); k++ {
		s[k] = zero
	}
	return s[:n]
}

// Concat returns a new slice of the slices one after another (nil when
// they are all empty).
func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
	}
	var out S
	if size > 0 {
		out = make(S, 0, size)
	}
	for _, s := range slices {
		out = append(out, s...)
	}
	return out
}

// Delete removes s[i:j] and returns the shorter slice; the elements past
// its end are zeroed. It panics when s[i:j] is out of range.
func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)]
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	var zero E
	for k := len(s); k < n; k++ {
		s[:n][k] = zero
	}
	return s
}

// DeleteFunc removes the elements del returns true for and returns the
// shorter slice; the elements past its end are zeroed.
func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	n := 0
	for _, v := range s {
		if !del(v) {
			s[n] = v
			n++
		}
	}
	var zero E
	for k := n; k < len(s); k++ {
		s[k] = zero
	}
	return s[:n]
}

// Replace replaces s[i:j] by v and returns the result; when it is shorter,
// the elements past its end are zeroed. It panics when s[i:j] is out of
// range.
func Replace[S ~[]E, E any](s S, i, j int, v ...E) S {
	_ = s[i:j]
	v = append([]E(nil), v...) // v may share s's array
	tail := append([]E(nil), s[j:]...)
	n := len(s)
	s = append(s[:i], v...)
	s = append(s, tail...)
	var zero E
	for k := len(s); k < n; k++ {
		s[:n][k] = zero
	}
	return s
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

// Pull converts the push-style iterator seq into a pull-style one: next
// returns the next value and true, or the zero value and false at the end;
// stop ends the iteration early. A panic in seq panics the call of next.
// (Here seq runs on a goroutine of its own, in step with next. The
// interpreter mishandles "return <-ch" and a recover stored in a captured
// variable, hence the roundabout forms.)
func Pull[V any](seq Seq[V]) (func() (V, bool), func()) {
	turn := make(chan bool) // true: the next value; false: stop
	vals := make(chan V)
	ended := make(chan struct{})
	panics := make(chan any, 1)
	var started, done bool
	next := func() (V, bool) {
		var zero V
		if done {
			return zero, false
		}
		if !started {
			started = true
			go func() {
				defer close(ended)
				defer func() {
					if r := recover(); r != nil {
						panics <- r
					}
				}()
				if <-turn {
					seq(func(v V) bool {
						vals <- v
						more := <-turn
						return more
					})
				}
			}()
		}
		turn <- true
		select {
		case v := <-vals:
			return v, true
		case <-ended:
			done = true
			select {
			case p := <-panics:
				panic(p)
			default:
			}
			return zero, false
		}
	}
	stop := func() {
		if done {
			return
		}
		done = true
		if started {
			turn <- false
			<-ended
		}
	}
	return next, stop
}

// Pull2 is Pull for an iterator over pairs.
func Pull2[K, V any](seq Seq2[K, V]) (func() (K, V, bool), func()) {
	turn := make(chan bool)
	keys := make(chan K, 1)
	vals := make(chan V)
	ended := make(chan struct{})
	panics := make(chan any, 1)
	var started, done bool
	next := func() (K, V, bool) {
		var zk K
		var zv V
		if done {
			return zk, zv, false
		}
		if !started {
			started = true
			go func() {
				defer close(ended)
				defer func() {
					if r := recover(); r != nil {
						panics <- r
					}
				}()
				if <-turn {
					seq(func(k K, v V) bool {
						keys <- k
						vals <- v
						more := <-turn
						return more
					})
				}
			}()
		}
		turn <- true
		select {
		case v := <-vals:
			k := <-keys
			return k, v, true
		case <-ended:
			done = true
			select {
			case p := <-panics:
				panic(p)
			default:
			}
			return zk, zv, false
		}
	}
	stop := func() {
		if done {
			return
		}
		done = true
		if started {
			turn <- false
			<-ended
		}
	}
	return next, stop
}
`

// uniqueSource is package unique (Go 1.23), whose generic API no symbol
// table can hold.
const uniqueSource = `package unique

import "sync"

// Handle is a globally unique identity for some value of type T: two
// handles are equal exactly when the values they were made from are.
type Handle[T comparable] struct {
	value *T
}

// Value returns a shallow copy of the value the handle was made from.
func (h Handle[T]) Value() T {
	return *h.value
}

// handles is made on first use: the interpreter compiles this package
// without running its initializers.
var (
	mu      sync.Mutex
	handles map[any]any
)

// Make returns a globally unique handle for v. (Here a handle keeps its
// value alive: the interpreter has no weak pointers.)
func Make[T comparable](v T) Handle[T] {
	mu.Lock()
	defer mu.Unlock()
	if handles == nil {
		handles = map[any]any{}
	}
	if p, ok := handles[v]; ok {
		return Handle[T]{p.(*T)}
	}
	p := new(T)
	*p = v
	handles[v] = p
	return Handle[T]{p}
}
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

// Clone returns a copy of m (nil for nil). The interpreter fails on the
// body of its maps source, which leans on the runtime.
func Clone[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil {
		return nil
	}
	out := make(M, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
`

// cmpExtra replaces the cmp functions the interpreter fails on: Less's
// body calls a generic func without type arguments, and both are written
// with their constraint as a union (see inlineOrdered).
const cmpExtra = `package cmp

// Less reports whether x is less than y; a NaN is less than any other
// value, and -0.0 is not less than 0.0.
func Less[T Ordered](x, y T) bool {
	return (x != x && y == y) || x < y
}

// Compare returns -1, 0 or +1 as x is less than, equal to or greater than
// y; a NaN is less than any other value, and equal to a NaN.
func Compare[T Ordered](x, y T) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN || x < y:
		return -1
	case yNaN || x > y:
		return +1
	}
	return 0
}
`

// inlineOrdered writes the cmp.Ordered constraints of src out as the
// union (cell.OrderedUnion): the interpreter checks a named constraint
// wrongly for the types of compiled packages (slices.Sort of
// time.Durations crashed its compiler), and a union not at all.
func inlineOrdered(src string) string {
	src = strings.ReplaceAll(src, " cmp.Ordered]", " "+cell.OrderedUnion+"]")
	return strings.ReplaceAll(src, "[T Ordered]", "[T "+cell.OrderedUnion+"]")
}
