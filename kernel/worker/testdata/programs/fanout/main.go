// A broadcaster: subscribers with buffered inboxes fed by one select per
// subscriber goroutine, a slow subscriber whose full inbox drops (select
// with default), a semaphore of a buffered channel bounding concurrent
// work, a sync.Cond barrier, and shutdown through a closed channel.
package main

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

type Event struct {
	Topic string
	Seq   int
}

func (e Event) String() string { return fmt.Sprintf("%s#%d", e.Topic, e.Seq) }

type Sub struct {
	name    string
	topics  map[string]bool
	inbox   chan Event
	dropped int
}

type Broker struct {
	mu   sync.Mutex
	subs []*Sub
	quit chan struct{}
}

// cell
func NewBroker() *Broker { return &Broker{quit: make(chan struct{})} }

func (b *Broker) Subscribe(name string, size int, topics ...string) *Sub {
	s := &Sub{name: name, topics: map[string]bool{}, inbox: make(chan Event, size)}
	for _, t := range topics {
		s.topics[t] = true
	}
	b.mu.Lock()
	b.subs = append(b.subs, s)
	b.mu.Unlock()
	return s
}

// Publish delivers e to every subscriber of its topic without waiting on
// a full inbox.
func (b *Broker) Publish(e Event) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-b.quit:
		return 0 // closed: the inboxes may be too
	default:
	}
	n := 0
	for _, s := range b.subs {
		if !s.topics[e.Topic] {
			continue
		}
		select {
		case s.inbox <- e:
			n++
		case <-b.quit:
			return n
		default:
			s.dropped++
		}
	}
	return n
}

// cell
type Barrier struct {
	mu      sync.Mutex
	cond    *sync.Cond
	waiting int
	size    int
	round   int
}

func NewBarrier(n int) *Barrier {
	b := &Barrier{size: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *Barrier) Wait() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.round
	b.waiting++
	if b.waiting == b.size {
		b.waiting = 0
		b.round++
		b.cond.Broadcast()
		return r
	}
	for r == b.round {
		b.cond.Wait()
	}
	return r
}

// cell
func drain(s *Sub, quit <-chan struct{}, out chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	var got []string
	for {
		select {
		case e, ok := <-s.inbox:
			if !ok {
				out <- s.name + ": " + strings.Join(got, " ")
				return
			}
			got = append(got, e.String())
		case <-quit:
			out <- s.name + ": quit"
			return
		}
	}
}

func bounded(jobs []int, limit int) (sum int64, peak int64) {
	sem := make(chan struct{}, limit)
	var running, high, total atomic.Int64
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			n := running.Add(1)
			for {
				h := high.Load()
				if n <= h || high.CompareAndSwap(h, n) {
					break
				}
			}
			total.Add(int64(j * j))
			running.Add(-1)
		}()
	}
	wg.Wait()
	return total.Load(), high.Load()
}

func main() {
	b := NewBroker()
	fast := b.Subscribe("fast", 16, "alerts", "news")
	slow := b.Subscribe("slow", 2, "alerts")
	none := b.Subscribe("none", 4, "sports")
	var delivered int
	for i := range 5 {
		delivered += b.Publish(Event{"alerts", i})
		if i%2 == 0 {
			delivered += b.Publish(Event{"news", i})
		}
	}
	fmt.Println("delivered", delivered, "dropped", fast.dropped, slow.dropped, none.dropped)

	out := make(chan string, 3)
	var wg sync.WaitGroup
	for _, s := range []*Sub{fast, slow, none} {
		close(s.inbox)
		wg.Add(1)
		go drain(s, b.quit, out, &wg)
	}
	wg.Wait()
	close(out)
	var lines []string
	for l := range out {
		lines = append(lines, l)
	}
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Println(l)
	}

	close(b.quit)
	late := b.Subscribe("late", 0, "alerts")
	fmt.Println("after quit:", b.Publish(Event{"alerts", 9}), late.dropped)

	bar := NewBarrier(4)
	rounds := make([][]int, 4)
	var bw sync.WaitGroup
	for w := range 4 {
		bw.Add(1)
		go func() {
			defer bw.Done()
			for range 3 {
				rounds[w] = append(rounds[w], bar.Wait())
			}
		}()
	}
	bw.Wait()
	fmt.Println("rounds", rounds)

	sum, peak := bounded([]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 3)
	fmt.Println("sum", sum, "peak within limit", peak >= 1 && peak <= 3)
}
