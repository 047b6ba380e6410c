// A sorted map over generic pairs, linked nodes and generic helpers: the
// generic calls in its methods and funcs take instances of their own type
// parameters (slices.Insert of a []Pair[K, V], Last[Pair[K, V]],
// Last[*Node[T]]) and type parameters instantiated with types that have
// no names (Listed of []string values, a Stack of []int).
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// cell
type Pair[K cmp.Ordered, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

type Node[T any] struct {
	Val  T
	Next *Node[T]
}

// cell
// SortedMap keeps its pairs sorted by key.
type SortedMap[K cmp.Ordered, V any] struct {
	items []Pair[K, V]
}

func (s *SortedMap[K, V]) Put(k K, v V) {
	i, found := slices.BinarySearchFunc(s.items, k, func(p Pair[K, V], k K) int { return cmp.Compare(p.Key, k) })
	if found {
		s.items[i].Val = v
		return
	}
	s.items = slices.Insert(s.items, i, Pair[K, V]{k, v})
}

func (s *SortedMap[K, V]) PutAll(ps ...Pair[K, V]) {
	for _, p := range ps {
		s.Put(p.Key, p.Val)
	}
}

func (s *SortedMap[K, V]) Delete(k K) bool {
	i := slices.IndexFunc(s.items, func(p Pair[K, V]) bool { return p.Key == k })
	if i < 0 {
		return false
	}
	s.items = slices.Delete(s.items, i, i+1)
	return true
}

func (s *SortedMap[K, V]) Pairs() []Pair[K, V] { return slices.Clone(s.items) }

func (s *SortedMap[K, V]) Prepend(more ...Pair[K, V]) {
	s.items = slices.Insert(s.items, 0, more...)
}

func (s *SortedMap[K, V]) Max() (Pair[K, V], bool) {
	if len(s.items) == 0 {
		var z Pair[K, V]
		return z, false
	}
	return slices.MaxFunc(s.items, func(a, b Pair[K, V]) int { return cmp.Compare(a.Key, b.Key) }), true
}

// cell
// Find is a generic func of the cells whose parameter names a cell type.
func Find[K cmp.Ordered, V any](ps []Pair[K, V], k K) (Pair[K, V], int) {
	for i, p := range ps {
		if p.Key == k {
			return p, i
		}
	}
	var z Pair[K, V]
	return z, -1
}

func Last[E any](xs []E) E { return xs[len(xs)-1] }

func Reverse[T any](n *Node[T]) *Node[T] {
	var prev *Node[T]
	for n != nil {
		n, n.Next, prev = n.Next, prev, n
	}
	return prev
}

func Listed[T any](xs ...T) *Node[T] {
	var head *Node[T]
	for i := len(xs) - 1; i >= 0; i-- {
		head = &Node[T]{xs[i], head}
	}
	return head
}

func Lengths[T any](ns []*Node[T]) []int {
	out := []int{}
	for _, n := range ns {
		k := 0
		for ; n != nil; n = n.Next {
			k++
		}
		out = append(out, k)
	}
	return out
}

// cell
func (s *SortedMap[K, V]) Lookup(k K) (V, bool) {
	p, i := Find(s.items, k)
	return p.Val, i >= 0
}

func (s *SortedMap[K, V]) Newest() Pair[K, V] { return Last(s.items) }

func Chains[T any](xs []T) []*Node[T] {
	var out []*Node[T]
	for i := range xs {
		out = append(out, Listed(xs[:i+1]...))
	}
	out = slices.Insert(out, 0, Reverse(Listed(xs...)))
	return out
}

func Index[K cmp.Ordered, V any](m map[K]V) []Pair[string, V] {
	keys := slices.Sorted(maps.Keys(m))
	_ = keys
	var out []Pair[string, V]
	for k, v := range m {
		out = append(out, Pair[string, V]{fmt.Sprint(k), v})
	}
	slices.SortFunc(out, func(a, b Pair[string, V]) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// cell
func (s *SortedMap[K, V]) Explicit(k K, v V) int {
	s.items = slices.Insert[[]Pair[K, V], Pair[K, V]](s.items, 0, Pair[K, V]{k, v})
	p, i := Find[K, V](s.items, k)
	_ = p
	q := Last[Pair[K, V]](s.items)
	_ = q
	return i + len(Lengths[Pair[K, V]]([]*Node[Pair[K, V]]{Listed[Pair[K, V]](q, p)}))
}

func Nodes[T any](xs []T) []*Node[T] {
	var out []*Node[T]
	for _, x := range xs {
		out = slices.Insert[[]*Node[T], *Node[T]](out, len(out), &Node[T]{Val: x})
	}
	first := Last[*Node[T]](out[:1])
	_ = first
	return out
}

// cell
// Rev returns xs reversed.
func Rev[T any](xs ...T) []T {
	if len(xs) == 0 {
		return nil
	}
	return append(Rev(xs[1:]...), xs[0])
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Snapshot() []T { return Rev(s.items...) }

// cell
func main() {
	var m SortedMap[string, int]
	m.Put("b", 2)
	m.Put("a", 1)
	m.Put("c", 3)
	m.Put("a", 10)
	fmt.Println(m.Pairs())
	m.PutAll(Pair[string, int]{"d", 4}, Pair[string, int]{"0", 0})
	fmt.Println(m.Pairs(), m.Delete("b"), m.Delete("zz"))
	v, ok := m.Lookup("c")
	fmt.Println(v, ok, m.Newest())
	m.Prepend(Pair[string, int]{"!", -1}, Pair[string, int]{"#", -2})
	fmt.Println(m.Pairs())
	mx, ok := m.Max()
	fmt.Println(mx, ok)

	var f SortedMap[float64, []string]
	f.Put(2.5, []string{"x"})
	f.Put(-1, nil)
	fmt.Println(f.Pairs(), len(f.Pairs()))

	cs := Chains([]string{"x", "y", "z"})
	fmt.Println(Lengths(cs), cs[0].Val, cs[0].Next.Val)
	fmt.Println(Index(map[int]bool{3: true, 1: false}))
	fmt.Println(m.Explicit("@", 7), m.Pairs()[0])
	ns := Nodes([]string{"p", "q"})
	fmt.Println(len(ns), ns[1].Val)
	var st Stack[[]int]
	st.Push([]int{1})
	st.Push([]int{2, 3})
	fmt.Println(st.Snapshot(), Rev(ns...)[0].Val)
}
