// A worker pool with results gathered, a mutex-guarded counter, a
// pipeline closed in order, and errgroup-like first error.
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

type job struct {
	id int
	n  int
}

type result struct {
	job
	sum int
	err error
}

func work(j job) result {
	if j.n < 0 {
		return result{job: j, err: fmt.Errorf("job %d: negative input %d", j.id, j.n)}
	}
	s := 0
	for i := 1; i <= j.n; i++ {
		s += i
	}
	return result{job: j, sum: s}
}

// cell

type Counter struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k]++
}

func firstError(ctx context.Context, fns ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, len(fns))
	var wg sync.WaitGroup
	for _, f := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx); err != nil {
				errc <- err
				cancel()
			}
		}()
	}
	wg.Wait()
	close(errc)
	return <-errc
}

func main() {
	jobs := make(chan job)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- work(j)
			}
		}()
	}
	go func() {
		for i, n := range []int{10, 100, -1, 5, 0, 1000} {
			jobs <- job{i, n}
		}
		close(jobs)
	}()
	go func() { wg.Wait(); close(results) }()
	var all []result
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].id < all[j].id })
	for _, r := range all {
		if r.err != nil {
			fmt.Println(r.id, "error:", r.err)
			continue
		}
		fmt.Println(r.id, r.n, r.sum)
	}

	c := Counter{m: map[string]int{}}
	var ops atomic.Int64
	var wg2 sync.WaitGroup
	for i := range 20 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			c.Inc([]string{"a", "b", "c"}[i%3])
			ops.Add(1)
		}()
	}
	wg2.Wait()
	fmt.Println(c.m, ops.Load())

	errBoom := errors.New("boom")
	err := firstError(context.Background(),
		func(ctx context.Context) error {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(2 * time.Second):
				return errors.New("slow")
			}
		},
		func(ctx context.Context) error { return fmt.Errorf("fast: %w", errBoom) },
	)
	fmt.Println(err, errors.Is(err, errBoom))

	var once sync.Once
	for range 3 {
		once.Do(func() { fmt.Println("once") })
	}
	// Four ticks, with a deadline generous enough for a loaded machine.
	done := make(chan struct{})
	ticks := 0
	tk := time.NewTicker(time.Millisecond)
	go func() { time.Sleep(10 * time.Second); close(done) }()
loop:
	for {
		select {
		case <-tk.C:
			ticks++
			if ticks > 3 {
				break loop
			}
		case <-done:
			break loop
		}
	}
	tk.Stop()
	fmt.Println("ticked:", ticks > 3)
}
