// Generic data structures: a linked list, an ordered map on a sorted
// slice, a deque on a ring buffer, a priority queue with a less func, and
// an optional value type.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Push(v T) {
	l.head = &node[T]{v, l.head}
	l.size++
}

func (l *List[T]) Reverse() {
	var prev *node[T]
	for n := l.head; n != nil; {
		next := n.next
		n.next = prev
		prev, n = n, next
	}
	l.head = prev
}

func (l *List[T]) Slice() []T {
	out := make([]T, 0, l.size)
	for n := l.head; n != nil; n = n.next {
		out = append(out, n.val)
	}
	return out
}

type OrderedMap[K cmp.Ordered, V any] struct {
	keys []K
	vals []V
}

func (m *OrderedMap[K, V]) Put(k K, v V) {
	i, found := slices.BinarySearch(m.keys, k)
	if found {
		m.vals[i] = v
		return
	}
	m.keys = slices.Insert(m.keys, i, k)
	m.vals = slices.Insert(m.vals, i, v)
}

func (m *OrderedMap[K, V]) Get(k K) (V, bool) {
	if i, found := slices.BinarySearch(m.keys, k); found {
		return m.vals[i], true
	}
	var zero V
	return zero, false
}

func (m *OrderedMap[K, V]) String() string {
	var parts []string
	for i, k := range m.keys {
		parts = append(parts, fmt.Sprintf("%v:%v", k, m.vals[i]))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

type Deque[T any] struct {
	buf        []T
	head, size int
}

var ErrEmpty = errors.New("empty deque")

func (d *Deque[T]) grow() {
	nb := make([]T, max(4, 2*len(d.buf)))
	for i := range d.size {
		nb[i] = d.buf[(d.head+i)%len(d.buf)]
	}
	d.buf, d.head = nb, 0
}

func (d *Deque[T]) PushBack(v T) {
	if d.size == len(d.buf) {
		d.grow()
	}
	d.buf[(d.head+d.size)%len(d.buf)] = v
	d.size++
}

func (d *Deque[T]) PushFront(v T) {
	if d.size == len(d.buf) {
		d.grow()
	}
	d.head = (d.head - 1 + len(d.buf)) % len(d.buf)
	d.buf[d.head] = v
	d.size++
}

func (d *Deque[T]) PopFront() (T, error) {
	var zero T
	if d.size == 0 {
		return zero, ErrEmpty
	}
	v := d.buf[d.head]
	d.head = (d.head + 1) % len(d.buf)
	d.size--
	return v, nil
}

type Optional[T any] struct {
	val T
	ok  bool
}

func Some[T any](v T) Optional[T] { return Optional[T]{v, true} }
func None[T any]() Optional[T]    { return Optional[T]{} }

func (o Optional[T]) OrElse(d T) T {
	if o.ok {
		return o.val
	}
	return d
}

func (o Optional[T]) String() string {
	if !o.ok {
		return "None"
	}
	return fmt.Sprintf("Some(%v)", o.val)
}

func main() {
	var l List[string]
	for _, s := range []string{"a", "b", "c"} {
		l.Push(s)
	}
	fmt.Println(l.Slice(), l.size)
	l.Reverse()
	fmt.Println(l.Slice())

	var m OrderedMap[string, int]
	for i, w := range strings.Fields("pear apple fig apple kiwi") {
		m.Put(w, i)
	}
	v, ok := m.Get("apple")
	_, missing := m.Get("plum")
	fmt.Println(m.String(), v, ok, missing)

	var d Deque[int]
	for i := range 5 {
		d.PushBack(i)
	}
	d.PushFront(-1)
	var got []int
	for {
		v, err := d.PopFront()
		if err != nil {
			fmt.Println(err, errors.Is(err, ErrEmpty))
			break
		}
		got = append(got, v)
	}
	fmt.Println(got, len(d.buf))

	a, b := Some(42), None[int]()
	fmt.Println(a, b, a.OrElse(0), b.OrElse(7))
	fmt.Println(Some("x"), []Optional[float64]{Some(1.5), None[float64]()})
}
