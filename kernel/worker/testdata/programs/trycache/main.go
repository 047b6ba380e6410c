// Generic control helpers: Try with recover into named results, Retry
// with wrapped errors, memoization through sync.OnceValue and a generic
// cache, and atomic pointers to instances.
package main

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// cell
var ErrTransient = errors.New("transient")

func Try[T any](f func() T) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return f(), nil
}

func Retry[T any](attempts int, f func(int) (T, error)) (T, error) {
	var zero T
	var errs []error
	for i := range attempts {
		v, err := f(i)
		if err == nil {
			return v, nil
		}
		errs = append(errs, fmt.Errorf("attempt %d: %w", i+1, err))
		if !errors.Is(err, ErrTransient) {
			break
		}
	}
	return zero, errors.Join(errs...)
}

// cell
type Cache[K comparable, V any] struct {
	mu    sync.Mutex
	items map[K]V
	calls int
}

func (c *Cache[K, V]) Get(k K, load func(K) V) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.items[k]; ok {
		return v
	}
	if c.items == nil {
		c.items = map[K]V{}
	}
	c.calls++
	v := load(k)
	c.items[k] = v
	return v
}

type Config struct {
	Name  string
	Level int
}

// cell
func main() {
	v, err := Try(func() int { return 42 })
	fmt.Println(v, err)
	s, err := Try(func() []string { var m map[string][]string; m["x"] = nil; return nil })
	fmt.Println(s == nil, err)

	n, err := Retry(3, func(i int) (int, error) {
		if i < 2 {
			return 0, ErrTransient
		}
		return i * 10, nil
	})
	fmt.Println(n, err)
	_, err = Retry(3, func(i int) (string, error) {
		if i == 0 {
			return "", ErrTransient
		}
		return "", strconv.ErrSyntax
	})
	fmt.Println(err, errors.Is(err, strconv.ErrSyntax))

	load := sync.OnceValue(func() *Config { return &Config{"prod", 3} })
	fmt.Println(load().Name, load() == load())

	var c Cache[string, []int]
	lengths := func(k string) []int { return []int{len(k), len(k) * 2} }
	fmt.Println(c.Get("abc", lengths), c.Get("abc", lengths), c.Get("de", lengths), c.calls)

	var cur atomic.Pointer[Config]
	fmt.Println(cur.Load() == nil)
	cur.Store(&Config{"dev", 1})
	old := cur.Swap(&Config{"test", 2})
	fmt.Println(old.Name, cur.Load().Name, cur.Load().Level)
	var hits atomic.Int64
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits.Add(int64(i))
		}()
	}
	wg.Wait()
	fmt.Println(hits.Load())
}
