// A generic LRU cache on container/list, with entries of a generic type of
// two type parameters asserted back from the list, eviction callbacks, a
// TTL in ticks, and a memoized function over it.
package main

import (
	"container/list"
	"fmt"
	"strings"
)

type entry[K comparable, V any] struct {
	key     K
	val     V
	expires int
}

type Cache[K comparable, V any] struct {
	cap     int
	ttl     int
	now     int
	ll      *list.List
	items   map[K]*list.Element
	onEvict func(K, V)
	hits    int
	misses  int
}

func New[K comparable, V any](capacity, ttl int, onEvict func(K, V)) *Cache[K, V] {
	return &Cache[K, V]{cap: capacity, ttl: ttl, ll: list.New(), items: map[K]*list.Element{}, onEvict: onEvict}
}

func (c *Cache[K, V]) Tick() { c.now++ }

func (c *Cache[K, V]) Put(k K, v V) {
	if e, ok := c.items[k]; ok {
		en := e.Value.(*entry[K, V])
		en.val, en.expires = v, c.now+c.ttl
		c.ll.MoveToFront(e)
		return
	}
	c.items[k] = c.ll.PushFront(&entry[K, V]{k, v, c.now + c.ttl})
	for c.ll.Len() > c.cap {
		c.evict(c.ll.Back())
	}
}

func (c *Cache[K, V]) evict(e *list.Element) {
	en := c.ll.Remove(e).(*entry[K, V])
	delete(c.items, en.key)
	if c.onEvict != nil {
		c.onEvict(en.key, en.val)
	}
}

func (c *Cache[K, V]) Get(k K) (V, bool) {
	e, ok := c.items[k]
	if ok {
		if en, live := e.Value.(*entry[K, V]); live && en.expires > c.now {
			c.ll.MoveToFront(e)
			c.hits++
			return en.val, true
		}
		c.evict(e)
	}
	c.misses++
	var zero V
	return zero, false
}

func (c *Cache[K, V]) Keys() []K {
	keys := make([]K, 0, c.ll.Len())
	for e := c.ll.Front(); e != nil; e = e.Next() {
		keys = append(keys, e.Value.(*entry[K, V]).key)
	}
	return keys
}

func (c *Cache[K, V]) String() string {
	var b strings.Builder
	for e := c.ll.Front(); e != nil; e = e.Next() {
		en := e.Value.(*entry[K, V])
		fmt.Fprintf(&b, "%v=%v@%d ", en.key, en.val, en.expires)
	}
	return strings.TrimSpace(b.String())
}

func Memo[K comparable, V any](c *Cache[K, V], f func(K) V) func(K) V {
	return func(k K) V {
		if v, ok := c.Get(k); ok {
			return v
		}
		v := f(k)
		c.Put(k, v)
		return v
	}
}

type point struct{ x, y int }

func main() {
	var evicted []string
	c := New[string, int](3, 5, func(k string, v int) { evicted = append(evicted, fmt.Sprint(k, ":", v)) })
	for i, k := range strings.Fields("a b c a d e a f") {
		c.Put(k, i)
		c.Tick()
	}
	fmt.Println(c.Keys(), c)
	fmt.Println(evicted)
	v, ok := c.Get("a")
	fmt.Println(v, ok)
	for range 6 {
		c.Tick()
	}
	_, ok = c.Get("a")
	fmt.Println(ok, c.Keys(), c.hits, c.misses, evicted)

	calls := 0
	slowSquare := func(p point) int { calls++; return p.x*p.x + p.y*p.y }
	pc := New[point, int](4, 100, nil)
	sq := Memo(pc, slowSquare)
	total := 0
	for _, p := range []point{{1, 2}, {3, 4}, {1, 2}, {5, 5}, {3, 4}, {0, 1}, {2, 2}, {1, 2}} {
		total += sq(p)
	}
	fmt.Println(total, calls, pc.hits, pc.misses, len(pc.Keys()))

	words := New[int, []string](2, 10, nil)
	words.Put(1, []string{"x"})
	words.Put(2, nil)
	w, _ := words.Get(1)
	words.Put(3, append(w, "y"))
	fmt.Println(words, words.Keys())
}
