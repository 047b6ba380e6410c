// A generic LRU with eviction callbacks and stats, over a doubly linked
// list of its own generic nodes, used with two instantiations.
package main

import (
	"fmt"
	"strings"
)

type entry[K comparable, V any] struct {
	key        K
	val        V
	prev, next *entry[K, V]
}

type LRU[K comparable, V any] struct {
	cap        int
	items      map[K]*entry[K, V]
	head, tail *entry[K, V]
	onEvict    func(K, V)
	hits, miss int
}

func NewLRU[K comparable, V any](n int, onEvict func(K, V)) *LRU[K, V] {
	return &LRU[K, V]{cap: n, items: map[K]*entry[K, V]{}, onEvict: onEvict}
}

func (c *LRU[K, V]) unlink(e *entry[K, V]) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		c.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		c.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (c *LRU[K, V]) pushFront(e *entry[K, V]) {
	e.next = c.head
	if c.head != nil {
		c.head.prev = e
	}
	c.head = e
	if c.tail == nil {
		c.tail = e
	}
}

func (c *LRU[K, V]) Get(k K) (V, bool) {
	e, ok := c.items[k]
	if !ok {
		c.miss++
		var zero V
		return zero, false
	}
	c.hits++
	c.unlink(e)
	c.pushFront(e)
	return e.val, true
}

func (c *LRU[K, V]) Put(k K, v V) {
	if e, ok := c.items[k]; ok {
		e.val = v
		c.unlink(e)
		c.pushFront(e)
		return
	}
	e := &entry[K, V]{key: k, val: v}
	c.items[k] = e
	c.pushFront(e)
	if len(c.items) > c.cap {
		old := c.tail
		c.unlink(old)
		delete(c.items, old.key)
		if c.onEvict != nil {
			c.onEvict(old.key, old.val)
		}
	}
}

func (c *LRU[K, V]) Keys() []K {
	var out []K
	for e := c.head; e != nil; e = e.next {
		out = append(out, e.key)
	}
	return out
}

func main() {
	var evicted []string
	c := NewLRU(2, func(k string, v int) { evicted = append(evicted, fmt.Sprintf("%s=%d", k, v)) })
	c.Put("a", 1)
	c.Put("b", 2)
	c.Get("a")
	c.Put("c", 3)
	c.Put("a", 10)
	c.Put("d", 4)
	v, ok := c.Get("b")
	fmt.Println(c.Keys(), evicted, v, ok, c.hits, c.miss)
	sq := NewLRU[int, []string](3, nil)
	for i := range 5 {
		sq.Put(i%4, strings.Split(strings.Repeat("x,", i+1), ","))
	}
	got, _ := sq.Get(1)
	fmt.Println(sq.Keys(), len(got))
}
