// Channels: directions, buffering, non-blocking operations, closing and
// ranging, select with defaults, nil channels, and a semaphore.
package main

import (
	"fmt"
	"sync"
	"time"
)

func ping(pings chan<- string, msg string) { pings <- msg }

func pong(pings <-chan string, pongs chan<- string) {
	msg := <-pings
	pongs <- msg + "!"
}

func producer(n int) <-chan int {
	ch := make(chan int, n)
	for i := range n {
		ch <- i * i
	}
	close(ch)
	return ch
}

func mergeSorted(a, b <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		va, oka := <-a
		vb, okb := <-b
		for oka || okb {
			if oka && (!okb || va <= vb) {
				out <- va
				va, oka = <-a
			} else {
				out <- vb
				vb, okb = <-b
			}
		}
	}()
	return out
}

func main() {
	pings, pongs := make(chan string, 1), make(chan string, 1)
	ping(pings, "passed")
	pong(pings, pongs)
	fmt.Println(<-pongs)

	buf := make(chan string, 2)
	buf <- "a"
	buf <- "b"
	fmt.Println(len(buf), cap(buf), <-buf, <-buf)

	msgs := make(chan string)
	select {
	case m := <-msgs:
		fmt.Println("got", m)
	default:
		fmt.Println("no message")
	}
	select {
	case msgs <- "hi":
		fmt.Println("sent")
	default:
		fmt.Println("no receiver")
	}

	sum := 0
	for v := range producer(5) {
		sum += v
	}
	fmt.Println(sum)

	ch := make(chan int)
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)

	var merged []int
	for v := range mergeSorted(producer(4), producer(3)) {
		merged = append(merged, v)
	}
	fmt.Println(merged)

	var nilCh chan int
	select {
	case <-nilCh:
		fmt.Println("impossible")
	case <-time.After(5 * time.Millisecond):
		fmt.Println("nil channel never ready")
	}

	done := make(chan struct{})
	results := make(chan int, 10)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 3)
	for i := 1; i <= 10; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			sem <- struct{}{}
			results <- n * 2
			<-sem
		}(i)
	}
	go func() { wg.Wait(); close(results); close(done) }()
	<-done
	total := 0
	for r := range results {
		total += r
	}
	fmt.Println(total)

	timer := time.NewTimer(time.Hour)
	stopped := timer.Stop()
	fmt.Println("stopped:", stopped)
	tick := time.NewTicker(2 * time.Millisecond)
	n := 0
	for range tick.C {
		n++
		if n == 3 {
			tick.Stop()
			break
		}
	}
	fmt.Println("ticks", n)
}
