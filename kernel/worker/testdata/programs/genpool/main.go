// Generic concurrency helpers: a worker pool over any job and result
// type, futures, a stage that maps a channel under a context with select,
// a fan-in of generic channels, and a mutex-guarded generic cache whose
// loads run once per key.
package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

type Result[T any] struct {
	Index int
	Value T
	Err   error
}

func Pool[J, R any](ctx context.Context, workers int, jobs []J, f func(J) (R, error)) []Result[R] {
	in := make(chan int)
	out := make(chan Result[R])
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range in {
				v, err := f(jobs[i])
				select {
				case out <- Result[R]{i, v, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(in)
		for i := range jobs {
			select {
			case in <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	var rs []Result[R]
	for r := range out {
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b Result[R]) int { return a.Index - b.Index })
	return rs
}

// cell
type Future[T any] struct {
	done chan struct{}
	val  T
	err  error
}

func Go[T any](f func() (T, error)) *Future[T] {
	fu := &Future[T]{done: make(chan struct{})}
	go func() {
		defer close(fu.done)
		fu.val, fu.err = f()
	}()
	return fu
}

func (f *Future[T]) Wait(ctx context.Context) (T, error) {
	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// cell
func Stage[A, B any](ctx context.Context, in <-chan A, f func(A) B) <-chan B {
	out := make(chan B)
	go func() {
		defer close(out)
		for {
			select {
			case a, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- f(a):
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func Source[T any](xs ...T) <-chan T {
	c := make(chan T)
	go func() {
		defer close(c)
		for _, x := range xs {
			c <- x
		}
	}()
	return c
}

func Merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// cell
type Cache[K comparable, V any] struct {
	mu    sync.Mutex
	calls map[K]*Future[V]
	loads int
}

func (c *Cache[K, V]) Get(ctx context.Context, k K, load func(K) (V, error)) (V, error) {
	c.mu.Lock()
	if c.calls == nil {
		c.calls = map[K]*Future[V]{}
	}
	f, ok := c.calls[k]
	if !ok {
		c.loads++
		f = Go(func() (V, error) { return load(k) })
		c.calls[k] = f
	}
	c.mu.Unlock()
	return f.Wait(ctx)
}

func main() {
	ctx := context.Background()
	rs := Pool(ctx, 3, []string{"a", "bb", "", "dddd"}, func(s string) (int, error) {
		if s == "" {
			return 0, errors.New("empty")
		}
		return len(s), nil
	})
	for _, r := range rs {
		fmt.Println(r.Index, r.Value, r.Err)
	}

	f := Go(func() (string, error) { return strings.Repeat("x", 3), nil })
	v, err := f.Wait(ctx)
	fmt.Println(v, err)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	never := &Future[int]{done: make(chan struct{})}
	n, err := never.Wait(cctx)
	fmt.Println(n, err)

	sq := Stage(ctx, Source(1, 2, 3, 4), func(x int) int { return x * x })
	label := Stage(ctx, sq, func(x int) string { return fmt.Sprintf("<%d>", x) })
	var got []string
	for s := range label {
		got = append(got, s)
	}
	fmt.Println(got)

	var all []int
	for x := range Merge(Source(1, 3, 5), Source(2, 4), Source[int]()) {
		all = append(all, x)
	}
	slices.Sort(all)
	fmt.Println(all)

	var c Cache[string, int]
	var wg sync.WaitGroup
	results := make([]int, 6)
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := []string{"x", "yy", "x"}[i%3]
			results[i], _ = c.Get(ctx, k, func(k string) (int, error) { return len(k) * 10, nil })
		}()
	}
	wg.Wait()
	fmt.Println(results, c.loads)
}
