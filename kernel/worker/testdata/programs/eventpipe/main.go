// An event pipeline: a dispatch table of method values, handlers that
// fail and recover, workers on channels with a WaitGroup, per-kind
// aggregates over a Number constraint, and a report laid out with widths.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// cell
type Kind int

const (
	Click Kind = iota + 1
	View
	Buy
)

func (k Kind) String() string {
	switch k {
	case Click:
		return "click"
	case View:
		return "view"
	case Buy:
		return "buy"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

type Event struct {
	ID     int
	Kind   Kind
	User   string
	Amount float64
	At     time.Duration
}

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[N Number](xs ...N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}

type Agg[N Number] struct {
	Count int
	Total N
	Max   N
}

func (a *Agg[N]) Add(v N) {
	if a.Count == 0 || v > a.Max {
		a.Max = v
	}
	a.Count++
	a.Total += v
}

func (a Agg[N]) Mean() float64 {
	if a.Count == 0 {
		return 0
	}
	return float64(a.Total) / float64(a.Count)
}

// cell
type HandlerError struct {
	Event int
	Cause error
}

func (e *HandlerError) Error() string { return fmt.Sprintf("event %d: %v", e.Event, e.Cause) }
func (e *HandlerError) Unwrap() error { return e.Cause }

var ErrFraud = errors.New("fraud suspected")

type Pipeline struct {
	mu       sync.Mutex
	handlers map[Kind]func(Event) error
	byKind   map[Kind]*Agg[float64]
	users    map[string]int
	errs     []error
}

func NewPipeline() *Pipeline {
	p := &Pipeline{byKind: map[Kind]*Agg[float64]{}, users: map[string]int{}}
	p.handlers = map[Kind]func(Event) error{
		Click: p.count,
		View:  p.count,
		Buy:   p.buy,
	}
	return p
}

func (p *Pipeline) count(e Event) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.users[e.User]++
	a, ok := p.byKind[e.Kind]
	if !ok {
		a = &Agg[float64]{}
		p.byKind[e.Kind] = a
	}
	a.Add(e.Amount)
	return nil
}

func (p *Pipeline) buy(e Event) error {
	if e.Amount > 1000 {
		return &HandlerError{e.ID, ErrFraud}
	}
	if e.Amount < 0 {
		panic(fmt.Sprintf("negative amount in event %d", e.ID))
	}
	return p.count(e)
}

func (p *Pipeline) Handle(e Event) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &HandlerError{e.ID, fmt.Errorf("panic: %v", r)}
		}
	}()
	h, ok := p.handlers[e.Kind]
	if !ok {
		return &HandlerError{e.ID, fmt.Errorf("no handler for %v", e.Kind)}
	}
	return h(e)
}

func (p *Pipeline) Run(events []Event, workers int) {
	ch := make(chan Event)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range ch {
				if err := p.Handle(e); err != nil {
					p.mu.Lock()
					p.errs = append(p.errs, err)
					p.mu.Unlock()
				}
			}
		}()
	}
	for _, e := range events {
		ch <- e
	}
	close(ch)
	wg.Wait()
}

// cell
func (p *Pipeline) Report() string {
	var b strings.Builder
	kinds := make([]Kind, 0, len(p.byKind))
	for k := range p.byKind {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	fmt.Fprintf(&b, "%-6s %5s %8s %8s\n", "kind", "n", "total", "mean")
	for _, k := range kinds {
		a := p.byKind[k]
		fmt.Fprintf(&b, "%-6v %5d %8.2f %8.3f\n", k, a.Count, a.Total, a.Mean())
	}
	users := make([]string, 0, len(p.users))
	for u := range p.users {
		users = append(users, u)
	}
	sort.Slice(users, func(i, j int) bool {
		if p.users[users[i]] != p.users[users[j]] {
			return p.users[users[i]] > p.users[users[j]]
		}
		return users[i] < users[j]
	})
	fmt.Fprintf(&b, "top users: %v\n", users)
	msgs := make([]string, 0, len(p.errs))
	fraud := 0
	for _, err := range p.errs {
		msgs = append(msgs, err.Error())
		var he *HandlerError
		if errors.As(err, &he) && errors.Is(err, ErrFraud) {
			fraud++
		}
	}
	sort.Strings(msgs)
	fmt.Fprintf(&b, "errors (%d, fraud %d):\n  %s", len(msgs), fraud, strings.Join(msgs, "\n  "))
	return b.String()
}

// cell
func main() {
	var events []Event
	users := []string{"ann", "bob", "cy"}
	for i := 1; i <= 12; i++ {
		k := Kind(i%3 + 1)
		amt := float64(i) * 2.5
		if k == Buy && i == 5 {
			amt = 5000
		}
		if k == Buy && i == 8 {
			amt = -1
		}
		events = append(events, Event{ID: i, Kind: k, User: users[i%len(users)], Amount: amt, At: time.Duration(i) * time.Second})
	}
	events = append(events, Event{ID: 99, Kind: Kind(7), User: "zed"})
	p := NewPipeline()
	p.Run(events, 3)
	fmt.Println(p.Report())
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.5), Sum[time.Duration](time.Second, time.Minute))
	var durs []time.Duration
	for _, e := range events[:3] {
		durs = append(durs, e.At)
	}
	fmt.Println(Sum(durs...), Kind(2), fmt.Sprintf("%v|%d|%s", Buy, Buy, Click))
outer:
	for i, e := range events {
		switch {
		case e.Kind == Buy && e.Amount > 100:
			fmt.Println("big buy at", i, e.At)
			continue outer
		case e.ID == 99:
			fmt.Println("unknown at", i)
			break outer
		}
	}
}
