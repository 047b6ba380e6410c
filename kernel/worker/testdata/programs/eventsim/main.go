// A discrete-event simulation: a bank with tellers, events of several
// types behind one interface in a container/heap, a seeded random source.
package main

import (
	"container/heap"
	"fmt"
	"math/rand"
	"strings"
)

type Event interface {
	At() float64
	Fire(s *Sim)
}

type base struct{ at float64 }

func (b base) At() float64 { return b.at }

type Arrival struct {
	base
	customer int
}

type Departure struct {
	base
	customer, teller int
}

type Report struct{ base }

func (a Arrival) Fire(s *Sim) {
	s.log("t=%6.2f arrive   c%d", a.at, a.customer)
	s.queue = append(s.queue, waiting{a.customer, a.at})
	s.dispatch()
	if a.customer < s.customers {
		s.Schedule(Arrival{base{a.at + s.rng.ExpFloat64()*s.meanGap}, a.customer + 1})
	}
}

func (d Departure) Fire(s *Sim) {
	s.log("t=%6.2f depart   c%d from teller %d", d.at, d.customer, d.teller)
	s.busy[d.teller] = false
	s.served++
	s.dispatch()
}

func (r Report) Fire(s *Sim) {
	busy := 0
	for _, b := range s.busy {
		if b {
			busy++
		}
	}
	s.log("t=%6.2f report   queue=%d busy=%d served=%d", r.at, len(s.queue), busy, s.served)
	if s.served < s.customers {
		s.Schedule(Report{base{r.at + 10}})
	}
}

type waiting struct {
	customer int
	since    float64
}

type events []Event

func (e events) Len() int           { return len(e) }
func (e events) Less(i, j int) bool { return e[i].At() < e[j].At() }
func (e events) Swap(i, j int)      { e[i], e[j] = e[j], e[i] }
func (e *events) Push(x any)        { *e = append(*e, x.(Event)) }
func (e *events) Pop() any          { old := *e; x := old[len(old)-1]; *e = old[:len(old)-1]; return x }

type Sim struct {
	now       float64
	pending   events
	rng       *rand.Rand
	busy      []bool
	queue     []waiting
	customers int
	served    int
	meanGap   float64
	meanServe float64
	totalWait float64
	maxWait   float64
	lines     []string
	kinds     map[string]int
}

func (s *Sim) log(format string, args ...any) {
	s.lines = append(s.lines, fmt.Sprintf(format, args...))
}

func (s *Sim) Schedule(e Event) { heap.Push(&s.pending, e) }

func (s *Sim) dispatch() {
	for t, b := range s.busy {
		if b || len(s.queue) == 0 {
			continue
		}
		w := s.queue[0]
		s.queue = s.queue[1:]
		wait := s.now - w.since
		s.totalWait += wait
		s.maxWait = max(s.maxWait, wait)
		s.busy[t] = true
		s.Schedule(Departure{base{s.now + s.rng.ExpFloat64()*s.meanServe}, w.customer, t})
	}
}

func (s *Sim) Run() {
	for s.pending.Len() > 0 {
		e := heap.Pop(&s.pending).(Event)
		s.now = e.At()
		switch e.(type) {
		case Arrival:
			s.kinds["arrival"]++
		case Departure:
			s.kinds["departure"]++
		default:
			s.kinds[fmt.Sprintf("%T", e)]++
		}
		e.Fire(s)
	}
}

func simulate(tellers int, seed int64) *Sim {
	s := &Sim{
		rng: rand.New(rand.NewSource(seed)), busy: make([]bool, tellers),
		customers: 40, meanGap: 1.5, meanServe: 4, kinds: map[string]int{},
	}
	s.Schedule(Arrival{base{0}, 1})
	s.Schedule(Report{base{10}})
	s.Run()
	return s
}

func main() {
	for _, n := range []int{1, 2, 3, 4} {
		s := simulate(n, 7)
		fmt.Printf("tellers=%d served=%d end=%.2f avgwait=%.2f maxwait=%.2f kinds=%v\n",
			n, s.served, s.now, s.totalWait/float64(s.served), s.maxWait, s.kinds)
	}
	s := simulate(2, 1)
	fmt.Println(strings.Join(s.lines[:12], "\n"))
	fmt.Println("...", len(s.lines), "lines")
}
