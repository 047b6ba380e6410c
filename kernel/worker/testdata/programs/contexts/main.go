// context in practice: cancellation of a pipeline, deadlines and their
// errors, values carried through calls, and sync helpers (Once, atomic,
// sync.Map, a semaphore from a buffered channel).
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

type ctxKey string

func gen(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i <= n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func square(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v * v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func slow(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return fmt.Errorf("slow(%v): %w", d, ctx.Err())
	}
}

func user(ctx context.Context) string {
	if u, ok := ctx.Value(ctxKey("user")).(string); ok {
		return u
	}
	return "anonymous"
}

type Config struct {
	once sync.Once
	vals map[string]string
	hits atomic.Int32
}

func (c *Config) Get(k string) string {
	c.once.Do(func() {
		c.hits.Add(1)
		c.vals = map[string]string{"region": "eu", "tier": "gold"}
	})
	return c.vals[k]
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sum := 0
	for v := range square(ctx, gen(ctx, 100)) {
		sum += v
		if v >= 25 {
			cancel()
			break
		}
	}
	fmt.Println("sum", sum, ctx.Err())

	tctx, tcancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer tcancel()
	fmt.Println(slow(tctx, time.Millisecond))
	err := slow(tctx, time.Second)
	fmt.Println(err, errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled))

	cctx, ccancel := context.WithCancelCause(context.Background())
	ccancel(errors.New("shutting down"))
	fmt.Println(cctx.Err(), context.Cause(cctx))

	vctx := context.WithValue(context.Background(), ctxKey("user"), "ada")
	fmt.Println(user(vctx), user(context.Background()), user(context.WithValue(vctx, ctxKey("other"), 1)))

	var cfg Config
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = cfg.Get("region")
		}()
	}
	wg.Wait()
	fmt.Println(cfg.Get("tier"), cfg.hits.Load())

	var counter atomic.Int64
	var m sync.Map
	sem := make(chan struct{}, 3)
	var peak, cur atomic.Int32
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			n := cur.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			counter.Add(int64(id))
			m.Store(id%4, true)
			time.Sleep(time.Millisecond)
			cur.Add(-1)
		}(i)
	}
	wg.Wait()
	var keys []int
	m.Range(func(k, v any) bool {
		keys = append(keys, k.(int))
		return true
	})
	sort.Ints(keys)
	fmt.Println(counter.Load(), keys, peak.Load() <= 3)

	var mu sync.RWMutex
	cache := map[int]int{}
	var wg2 sync.WaitGroup
	for i := range 10 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			mu.Lock()
			cache[i%5] += i
			mu.Unlock()
		}()
	}
	wg2.Wait()
	mu.RLock()
	fmt.Println(cache)
	mu.RUnlock()

	results := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		var got []string
		for r := range results {
			got = append(got, r)
		}
		sort.Strings(got)
		fmt.Println(got)
	}()
	var wg3 sync.WaitGroup
	for _, name := range []string{"c", "a", "b"} {
		wg3.Add(1)
		go func() { defer wg3.Done(); results <- name + name }()
	}
	wg3.Wait()
	close(results)
	<-done
}
