// A sensor monitor: producers on goroutines, a fan-in with select and a
// done channel, a mutex-guarded state with an embedded sync.Mutex, an
// atomic counter, context cancellation, and results sorted for a stable
// report.
package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type Reading struct {
	Sensor string
	Seq    int
	Value  float64
}

type Stats struct {
	sync.Mutex
	count map[string]int
	sum   map[string]float64
	worst map[string]Reading
}

func NewStats() *Stats {
	return &Stats{count: map[string]int{}, sum: map[string]float64{}, worst: map[string]Reading{}}
}

func (s *Stats) Add(r Reading) {
	s.Lock()
	defer s.Unlock()
	s.count[r.Sensor]++
	s.sum[r.Sensor] += r.Value
	if w, ok := s.worst[r.Sensor]; !ok || r.Value > w.Value {
		s.worst[r.Sensor] = r
	}
}

// cell
func produce(ctx context.Context, name string, n int, scale float64) <-chan Reading {
	out := make(chan Reading)
	go func() {
		defer close(out)
		for i := range n {
			r := Reading{name, i, scale * float64((i*7)%5)}
			select {
			case out <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func merge(ctx context.Context, ins ...<-chan Reading) <-chan Reading {
	out := make(chan Reading)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range in {
				select {
				case out <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// cell
var ErrAlarm = errors.New("alarm")

func watch(ctx context.Context, in <-chan Reading, st *Stats, limit float64, seen *atomic.Int64) error {
	for {
		select {
		case r, ok := <-in:
			if !ok {
				return nil
			}
			seen.Add(1)
			st.Add(r)
			if r.Value > limit {
				return fmt.Errorf("%s #%d at %.1f: %w", r.Sensor, r.Seq, r.Value, ErrAlarm)
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func report(st *Stats) string {
	st.Lock()
	defer st.Unlock()
	names := make([]string, 0, len(st.count))
	for k := range st.count {
		names = append(names, k)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s n=%d avg=%.2f worst=#%d ", n, st.count[n], st.sum[n]/float64(st.count[n]), st.worst[n].Seq)
	}
	return strings.TrimSpace(b.String())
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st := NewStats()
	var seen atomic.Int64
	err := watch(ctx, merge(ctx, produce(ctx, "a", 20, 1), produce(ctx, "b", 30, 0.5)), st, 100, &seen)
	fmt.Println(err, seen.Load(), report(st))

	ctx2, cancel2 := context.WithCancel(context.Background())
	st2 := NewStats()
	var seen2 atomic.Int64
	in := produce(ctx2, "hot", 10, 10)
	err = watch(ctx2, in, st2, 25, &seen2)
	cancel2()
	fmt.Println(err, errors.Is(err, ErrAlarm), seen2.Load(), report(st2))

	ctx3, cancel3 := context.WithCancel(context.Background())
	cancel3()
	err = watch(ctx3, make(chan Reading), NewStats(), 1, &seen2)
	fmt.Println(err, errors.Is(err, context.Canceled))
}
