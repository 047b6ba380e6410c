// Generic types embedded in generic types: a keyed collection built from
// a generic list, with promoted methods, constraint interfaces with methods
// and generic funcs over the outer types.
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type List[T any] struct {
	items []T
}

func (l *List[T]) Add(v T)    { l.items = append(l.items, v) }
func (l *List[T]) Len() int   { return len(l.items) }
func (l *List[T]) At(i int) T { return l.items[i] }
func (l *List[T]) Each(f func(int, T)) {
	for i, v := range l.items {
		f(i, v)
	}
}

type Keyed interface {
	Key() string
}

type Index[T Keyed] struct {
	List[T]
	byKey map[string]int
}

func NewIndex[T Keyed]() *Index[T] { return &Index[T]{byKey: map[string]int{}} }

func (x *Index[T]) Put(v T) {
	if i, ok := x.byKey[v.Key()]; ok {
		x.items[i] = v
		return
	}
	x.byKey[v.Key()] = x.Len()
	x.Add(v)
}

func (x *Index[T]) Get(k string) (T, bool) {
	i, ok := x.byKey[k]
	if !ok {
		var zero T
		return zero, false
	}
	return x.At(i), true
}

type Pair[K cmp.Ordered, V any] struct {
	K K
	V V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.K, p.V) }

type Sorted[K cmp.Ordered, V any] struct {
	*List[Pair[K, V]]
}

func NewSorted[K cmp.Ordered, V any]() Sorted[K, V] {
	return Sorted[K, V]{&List[Pair[K, V]]{}}
}

func (s Sorted[K, V]) Set(k K, v V) {
	i, found := slices.BinarySearchFunc(s.items, k, func(p Pair[K, V], k K) int { return cmp.Compare(p.K, k) })
	if found {
		s.items[i].V = v
		return
	}
	s.items = slices.Insert(s.items, i, Pair[K, V]{k, v})
}

func (s Sorted[K, V]) String() string {
	parts := make([]string, 0, s.Len())
	s.Each(func(_ int, p Pair[K, V]) { parts = append(parts, p.String()) })
	return "{" + strings.Join(parts, " ") + "}"
}

type User struct {
	Name string
	Age  int
}

func (u User) Key() string { return strings.ToLower(u.Name) }

type Sensor string

func (s Sensor) Key() string { return string(s) }

func Collect[T any](l interface{ Each(func(int, T)) }) []T {
	var out []T
	l.Each(func(_ int, v T) { out = append(out, v) })
	return out
}

func Summary[T Keyed](x *Index[T]) string {
	keys := make([]string, 0, x.Len())
	x.Each(func(_ int, v T) { keys = append(keys, v.Key()) })
	return fmt.Sprintf("%d keys: %s", x.Len(), strings.Join(keys, ","))
}

func main() {
	users := NewIndex[User]()
	users.Put(User{"Ada", 36})
	users.Put(User{"Grace", 45})
	users.Put(User{"ada", 37})
	u, ok := users.Get("ada")
	fmt.Println(u, ok, users.Len(), Summary(users))
	_, ok = users.Get("bob")
	fmt.Println(ok)

	sensors := NewIndex[Sensor]()
	for _, s := range []Sensor{"t1", "t2", "t1", "h1"} {
		sensors.Put(s)
	}
	fmt.Println(Summary(sensors), Collect[Sensor](&sensors.List))

	s := NewSorted[string, int]()
	for i, w := range strings.Fields("pear apple fig apple kiwi fig apple") {
		s.Set(w, i)
	}
	fmt.Println(s, s.Len())
	fmt.Println(Collect[Pair[string, int]](s.List)[0])
	n := NewSorted[float64, []string]()
	n.Set(2.5, []string{"b"})
	n.Set(-1, nil)
	n.Set(2.5, []string{"c", "d"})
	fmt.Printf("%v %d\n", n, n.At(1).K)
}
