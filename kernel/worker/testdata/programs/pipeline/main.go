// Generic channel pipelines: stages as funcs of channels, bounded
// parallel map keeping order, a batcher, errgroup-style first error with
// context cancellation, and a sync.Cond queue.
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

func Source[T any](ctx context.Context, xs ...T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, x := range xs {
			select {
			case out <- x:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

type indexed[T any] struct {
	i int
	v T
}

func ParallelMap[T, U any](ctx context.Context, in <-chan T, workers int, f func(T) U) <-chan U {
	jobs := make(chan indexed[T])
	results := make(chan indexed[U])
	go func() {
		defer close(jobs)
		i := 0
		for v := range in {
			select {
			case jobs <- indexed[T]{i, v}:
				i++
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- indexed[U]{j.i, f(j.v)}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	out := make(chan U)
	go func() {
		defer close(out)
		pending := map[int]U{}
		next := 0
		for r := range results {
			pending[r.i] = r.v
			for {
				v, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				out <- v
				next++
			}
		}
	}()
	return out
}

func Batch[T any](in <-chan T, n int) <-chan []T {
	out := make(chan []T)
	go func() {
		defer close(out)
		var b []T
		for v := range in {
			b = append(b, v)
			if len(b) == n {
				out <- b
				b = nil
			}
		}
		if len(b) > 0 {
			out <- b
		}
	}()
	return out
}

type Group struct {
	wg     sync.WaitGroup
	once   sync.Once
	err    error
	cancel context.CancelFunc
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{cancel: cancel}, ctx
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() {
				g.err = err
				g.cancel()
			})
		}
	}()
}

func (g *Group) Wait() error {
	g.wg.Wait()
	g.cancel()
	return g.err
}

type Queue[T any] struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []T
	closed bool
}

func NewQueue[T any]() *Queue[T] {
	q := &Queue[T]{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue[T]) Put(v T) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *Queue[T]) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

func (q *Queue[T]) Get() (T, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	var zero T
	if len(q.items) == 0 {
		return zero, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, true
}

var errOdd = errors.New("odd length")

func main() {
	ctx := context.Background()
	words := strings.Fields("the quick brown fox jumps over the lazy dog again")
	upper := ParallelMap(ctx, Source(ctx, words...), 3, strings.ToUpper)
	lens := ParallelMap(ctx, upper, 2, func(s string) string { return fmt.Sprint(s, ":", len(s)) })
	for b := range Batch(lens, 4) {
		fmt.Println(b)
	}

	g, gctx := WithContext(ctx)
	var mu sync.Mutex
	var done []string
	for _, w := range words[:6] {
		g.Go(func() error {
			if len(w)%2 == 1 && w == "fox" {
				return fmt.Errorf("%s: %w", w, errOdd)
			}
			mu.Lock()
			done = append(done, w)
			mu.Unlock()
			return nil
		})
	}
	err := g.Wait()
	<-gctx.Done()
	sort.Strings(done)
	fmt.Println(err, errors.Is(err, errOdd), gctx.Err(), len(done))

	q := NewQueue[int]()
	var got []int
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				v, ok := q.Get()
				if !ok {
					return
				}
				mu.Lock()
				got = append(got, v*v)
				mu.Unlock()
			}
		}()
	}
	for i := range 10 {
		q.Put(i)
	}
	q.Close()
	wg.Wait()
	sort.Ints(got)
	fmt.Println(got)

	cctx, cancel := context.WithCancel(ctx)
	src := Source(cctx, 1, 2, 3, 4, 5)
	first := <-src
	cancel()
	n := 0
	for range src {
		n++
	}
	fmt.Println(first, n <= 1, cctx.Err())
}
