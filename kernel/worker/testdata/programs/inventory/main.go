// Inventory with generics: a typed store, filters and reductions.
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Item struct {
	SKU   string
	Name  string
	Qty   int
	Price float64
}

// cell

type Store[K comparable, V any] struct {
	items map[K]V
	order []K
}

func NewStore[K comparable, V any]() *Store[K, V] {
	return &Store[K, V]{items: map[K]V{}}
}

func (s *Store[K, V]) Put(k K, v V) {
	if _, ok := s.items[k]; !ok {
		s.order = append(s.order, k)
	}
	s.items[k] = v
}

func (s *Store[K, V]) Get(k K) (V, bool) {
	v, ok := s.items[k]
	return v, ok
}

func (s *Store[K, V]) Each(f func(K, V)) {
	for _, k := range s.order {
		f(k, s.items[k])
	}
}

// cell

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
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

// cell

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[N Number](xs []N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}

func main() {
	st := NewStore[string, Item]()
	st.Put("a1", Item{"a1", "bolt", 120, 0.05})
	st.Put("b2", Item{"b2", "nut", 0, 0.03})
	st.Put("c3", Item{"c3", "gear", 7, 4.5})
	st.Put("a1", Item{"a1", "bolt", 100, 0.05})
	var all []Item
	st.Each(func(k string, v Item) { all = append(all, v) })
	inStock := Filter(all, func(i Item) bool { return i.Qty > 0 })
	names := Map(inStock, func(i Item) string { return strings.ToUpper(i.Name) })
	value := Reduce(all, 0.0, func(a float64, i Item) float64 { return a + float64(i.Qty)*i.Price })
	fmt.Println(names, len(all))
	fmt.Printf("%.2f\n", value)
	qtys := Map(all, func(i Item) int { return i.Qty })
	fmt.Println(Sum(qtys), Sum([]float64{1.5, 2.25}))
	slices.SortFunc(all, func(a, b Item) int { return cmp.Compare(b.Price, a.Price) })
	for _, i := range all {
		fmt.Printf("%s:%v ", i.SKU, i.Price)
	}
	fmt.Println()
	if it, ok := st.Get("c3"); ok {
		fmt.Println("found", it.Name, it)
	}
	_, ok := st.Get("zz")
	fmt.Println("zz", ok)
	byName := map[string]int{}
	for _, i := range all {
		byName[i.Name] = i.Qty
	}
	keys := slices.Sorted(maps.Keys(byName))
	fmt.Println(keys, slices.Max(qtys), slices.Index(keys, "gear"))
	type Celsius float64
	temps := []Celsius{21.5, 19, 23.25}
	fmt.Println(Sum(temps))
}
