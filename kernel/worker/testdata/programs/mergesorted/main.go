// Merging sorted streams: a for-select that disables a drained input by
// setting its channel to nil, a batcher that flushes on size or on a
// flush request, errgroup-like workers with a shared context whose first
// error cancels the rest, and sync.Map counts.
package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
)

func emit(xs ...int) <-chan int {
	c := make(chan int)
	go func() {
		defer close(c)
		for _, x := range xs {
			c <- x
		}
	}()
	return c
}

// cell

// mergeTwo merges two sorted streams into one sorted slice.
func mergeTwo(a, b <-chan int) []int {
	var out []int
	va, oka := <-a
	vb, okb := <-b
	for oka || okb {
		if oka && (!okb || va <= vb) {
			out = append(out, va)
			va, oka = <-a
		} else {
			out = append(out, vb)
			vb, okb = <-b
		}
	}
	return out
}

// interleave takes from whichever input is ready until both are drained.
func interleave(a, b <-chan int) (n, sum int) {
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			n, sum = n+1, sum+v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			n, sum = n+1, sum+v*10
		}
	}
	return n, sum
}

// cell
type Batcher struct {
	size    int
	in      chan string
	flush   chan chan []string
	batches [][]string
	done    chan struct{}
}

func NewBatcher(size int) *Batcher {
	b := &Batcher{size: size, in: make(chan string), flush: make(chan chan []string), done: make(chan struct{})}
	go b.run()
	return b
}

func (b *Batcher) run() {
	defer close(b.done)
	var cur []string
	for {
		select {
		case s, ok := <-b.in:
			if !ok {
				if len(cur) > 0 {
					b.batches = append(b.batches, cur)
				}
				return
			}
			cur = append(cur, s)
			if len(cur) == b.size {
				b.batches = append(b.batches, cur)
				cur = nil
			}
		case reply := <-b.flush:
			reply <- slices.Clone(cur)
			if len(cur) > 0 {
				b.batches = append(b.batches, cur)
				cur = nil
			}
		}
	}
}

func (b *Batcher) Flush() []string {
	reply := make(chan []string)
	b.flush <- reply
	return <-reply
}

// cell
var errBad = errors.New("bad input")

func process(ctx context.Context, inputs []int) (map[int]int, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var counts sync.Map
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for i, x := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if x < 0 {
				once.Do(func() { first = fmt.Errorf("input %d (%d): %w", i, x, errBad) })
				cancel(first)
				return
			}
			select {
			case <-ctx.Done():
				return
			default:
			}
			v, _ := counts.LoadOrStore(x%3, new(int))
			_ = v
		}()
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	out := map[int]int{}
	counts.Range(func(k, v any) bool {
		out[k.(int)]++
		return true
	})
	return out, context.Cause(ctx)
}

func main() {
	fmt.Println(mergeTwo(emit(1, 4, 9, 12), emit(2, 3, 10, 11, 15)))
	fmt.Println(mergeTwo(emit(), emit(5, 6)))
	fmt.Println(interleave(emit(1, 2, 3), emit(4, 5)))

	b := NewBatcher(3)
	for _, w := range []string{"a", "b", "c", "d"} {
		b.in <- w
	}
	fmt.Println("flushed", b.Flush())
	for _, w := range []string{"e", "f"} {
		b.in <- w
	}
	close(b.in)
	<-b.done
	fmt.Println("batches", b.batches)

	m, err := process(context.Background(), []int{1, 2, 3, 4, 5, 6})
	fmt.Println(m, err)
	m, err = process(context.Background(), []int{1, -2, 3})
	fmt.Println(m, err, errors.Is(err, errBad))
}
