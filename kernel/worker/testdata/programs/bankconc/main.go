// Concurrency patterns: a bounded worker pool with a semaphore channel,
// fan-in of generators, a rate-limited ticker stand-in, sync.Map, atomic
// counters, context cancellation, and errors from goroutines collected.
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

func gen(ctx context.Context, prefix string, n int) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for i := range n {
			select {
			case out <- fmt.Sprintf("%s%d", prefix, i):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	wg.Add(len(cs))
	for _, c := range cs {
		go func(c <-chan T) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

type Result struct {
	ID  int
	Val int
	Err error
}

func process(id int) (int, error) {
	if id%4 == 3 {
		return 0, fmt.Errorf("item %d: %w", id, errBad)
	}
	return id * id, nil
}

var errBad = errors.New("bad item")

func main() {
	ctx := context.Background()
	var got []string
	for v := range merge(gen(ctx, "a", 3), gen(ctx, "b", 2), gen(ctx, "c", 0)) {
		got = append(got, v)
	}
	sort.Strings(got)
	fmt.Println(got)

	sem := make(chan struct{}, 2)
	var running, peak atomic.Int32
	results := make([]Result, 10)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			r := running.Add(1)
			for {
				p := peak.Load()
				if r <= p || peak.CompareAndSwap(p, r) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			v, err := process(i)
			results[i] = Result{i, v, err}
			running.Add(-1)
		}()
	}
	wg.Wait()
	var errs []error
	sum := 0
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
			continue
		}
		sum += r.Val
	}
	joined := errors.Join(errs...)
	fmt.Println(sum, len(errs), errors.Is(joined, errBad), peak.Load() <= 2)
	fmt.Println(joined)

	var m sync.Map
	var wg2 sync.WaitGroup
	for i := range 5 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			m.Store(i, i*10)
		}()
	}
	wg2.Wait()
	var keys []int
	m.Range(func(k, v any) bool {
		keys = append(keys, k.(int)+v.(int))
		return true
	})
	sort.Ints(keys)
	fmt.Println(keys)
	v, ok := m.Load(3)
	_, missing := m.Load(9)
	fmt.Println(v, ok, missing)

	ctx2, cancel := context.WithCancel(ctx)
	c := gen(ctx2, "z", 1000)
	n := 0
	for range c {
		n++
		if n == 5 {
			cancel()
			break
		}
	}
	fmt.Println("read", n, ctx2.Err())
	done := make(chan struct{})
	var once sync.Once
	for range 3 {
		go once.Do(func() { close(done) })
	}
	<-done
	fmt.Println("closed once")
}
