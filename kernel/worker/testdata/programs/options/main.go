// Functional options, a generic cache with expiry on a fake clock, an
// RWMutex, and interfaces for the clock and the store.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

type Clock interface{ Now() time.Time }

type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

type entry[V any] struct {
	val     V
	expires time.Time
}

type Cache[K comparable, V any] struct {
	mu      sync.RWMutex
	items   map[K]entry[V]
	ttl     time.Duration
	clock   Clock
	maxSize int
	evicted int
}

type Option[K comparable, V any] func(*Cache[K, V])

func WithTTL[K comparable, V any](d time.Duration) Option[K, V] {
	return func(c *Cache[K, V]) { c.ttl = d }
}

func WithClock[K comparable, V any](cl Clock) Option[K, V] {
	return func(c *Cache[K, V]) { c.clock = cl }
}

func WithMaxSize[K comparable, V any](n int) Option[K, V] {
	return func(c *Cache[K, V]) { c.maxSize = n }
}

func New[K comparable, V any](opts ...Option[K, V]) *Cache[K, V] {
	c := &Cache[K, V]{items: map[K]entry[V]{}, ttl: time.Minute, maxSize: 100}
	for _, o := range opts {
		o(c)
	}
	return c
}

var ErrMiss = errors.New("cache miss")

func (c *Cache[K, V]) Set(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= c.maxSize {
		c.evicted++
		for old := range c.items {
			delete(c.items, old)
			break
		}
	}
	c.items[k] = entry[V]{v, c.clock.Now().Add(c.ttl)}
}

func (c *Cache[K, V]) Get(k K) (V, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.items[k]
	if !ok || !c.clock.Now().Before(e.expires) {
		var zero V
		return zero, fmt.Errorf("get %v: %w", k, ErrMiss)
	}
	return e.val, nil
}

func (c *Cache[K, V]) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.items)
}

func main() {
	clk := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := New(WithTTL[string, int](10*time.Second), WithClock[string, int](clk), WithMaxSize[string, int](3))
	c.Set("a", 1)
	clk.Advance(5 * time.Second)
	c.Set("b", 2)
	v, err := c.Get("a")
	fmt.Println(v, err)
	clk.Advance(6 * time.Second)
	_, err = c.Get("a")
	fmt.Println(err, errors.Is(err, ErrMiss))
	v, err = c.Get("b")
	fmt.Println(v, err, c.Len())
	c.Set("c", 3)
	c.Set("d", 4)
	fmt.Println(c.Len(), c.evicted)
	var wg sync.WaitGroup
	results := make([]int, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := c.Get("d"); err == nil {
				results[i] = v
			}
		}()
	}
	wg.Wait()
	fmt.Println(results)
	words := New[string, []string](WithClock[string, []string](clk))
	words.Set("x", []string{"b", "a"})
	ws, _ := words.Get("x")
	sort.Strings(ws)
	fmt.Println(ws, words.ttl)
}
