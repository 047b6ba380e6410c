// Publish/subscribe over channels: topics with subscriber channels, a
// broker goroutine with a select loop, unsubscribe, close and drain, and
// generic message envelopes.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Msg[T any] struct {
	Topic string
	Seq   int
	Body  T
}

type Broker[T any] struct {
	mu     sync.Mutex
	subs   map[string][]chan Msg[T]
	seq    int
	closed bool
}

func NewBroker[T any]() *Broker[T] { return &Broker[T]{subs: map[string][]chan Msg[T]{}} }

func (b *Broker[T]) Subscribe(topic string, buf int) <-chan Msg[T] {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan Msg[T], buf)
	b.subs[topic] = append(b.subs[topic], ch)
	return ch
}

func (b *Broker[T]) Publish(topic string, body T) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0
	}
	b.seq++
	n := 0
	for _, ch := range b.subs[topic] {
		select {
		case ch <- Msg[T]{topic, b.seq, body}:
			n++
		default: // a full subscriber misses it
		}
	}
	return n
}

func (b *Broker[T]) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for _, chs := range b.subs {
		for _, ch := range chs {
			close(ch)
		}
	}
}

func main() {
	b := NewBroker[string]()
	news := b.Subscribe("news", 10)
	news2 := b.Subscribe("news", 1)
	sport := b.Subscribe("sport", 10)
	var wg sync.WaitGroup
	results := make([][]string, 3)
	for i, ch := range []<-chan Msg[string]{news, news2, sport} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range ch {
				results[i] = append(results[i], fmt.Sprintf("%d:%s", m.Seq, m.Body))
			}
		}()
	}
	delivered := []int{
		b.Publish("news", "a"),
		b.Publish("sport", "goal"),
		b.Publish("weather", "rain"),
	}
	b.Close()
	wg.Wait()
	fmt.Println(delivered, b.Publish("news", "late"))
	for i, r := range results {
		fmt.Println(i, strings.Join(r, ","))
	}
	nb := NewBroker[[]int]()
	c := nb.Subscribe("x", 5)
	for i := range 3 {
		nb.Publish("x", []int{i, i * i})
	}
	nb.Close()
	var sums []int
	for m := range c {
		sums = append(sums, m.Body[0]+m.Body[1])
	}
	sort.Ints(sums)
	fmt.Println(sums)
}
