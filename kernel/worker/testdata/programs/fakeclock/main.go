// A token-bucket rate limiter and a job scheduler against a Clock
// interface, driven by a fake clock: time.Time and time.Duration
// arithmetic, layouts, truncation, and jobs sorted by their next run.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

type Clock interface {
	Now() time.Time
}

type FakeClock struct{ t time.Time }

func (f *FakeClock) Now() time.Time          { return f.t }
func (f *FakeClock) Advance(d time.Duration) { f.t = f.t.Add(d) }

type Bucket struct {
	clock    Clock
	capacity float64
	rate     float64 // tokens per second
	tokens   float64
	last     time.Time
}

func NewBucket(c Clock, capacity int, every time.Duration) *Bucket {
	return &Bucket{clock: c, capacity: float64(capacity), rate: float64(time.Second) / float64(every), tokens: float64(capacity), last: c.Now()}
}

var ErrLimited = errors.New("rate limited")

func (b *Bucket) Take() error {
	now := b.clock.Now()
	b.tokens = min(b.capacity, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens < 1 {
		return fmt.Errorf("%w: next token in %v", ErrLimited, time.Duration((1-b.tokens)/b.rate*float64(time.Second)).Round(time.Millisecond))
	}
	b.tokens--
	return nil
}

type Job struct {
	Name  string
	Every time.Duration
	At    time.Time
	Runs  []string
}

type Scheduler struct {
	clock Clock
	jobs  []*Job
}

func (s *Scheduler) Add(name string, every time.Duration) {
	s.jobs = append(s.jobs, &Job{Name: name, Every: every, At: s.clock.Now().Add(every).Truncate(every)})
}

func (s *Scheduler) Tick() []string {
	now := s.clock.Now()
	var ran []string
	sort.SliceStable(s.jobs, func(i, j int) bool { return s.jobs[i].At.Before(s.jobs[j].At) })
	for _, j := range s.jobs {
		for !j.At.After(now) {
			j.Runs = append(j.Runs, j.At.Format("15:04:05"))
			ran = append(ran, j.Name+"@"+j.At.Format(time.Kitchen))
			j.At = j.At.Add(j.Every)
		}
	}
	return ran
}

func main() {
	start := time.Date(2026, time.March, 14, 9, 59, 30, 0, time.UTC)
	clk := &FakeClock{start}
	var c Clock = clk
	fmt.Println(c.Now().Format(time.RFC3339), c.Now().Weekday(), c.Now().YearDay())

	b := NewBucket(clk, 3, 500*time.Millisecond)
	var log []string
	for i := range 8 {
		err := b.Take()
		switch {
		case errors.Is(err, ErrLimited):
			log = append(log, fmt.Sprint(i, ":", err))
		case err != nil:
			log = append(log, "??")
		default:
			log = append(log, fmt.Sprint(i, ":ok"))
		}
		clk.Advance(200 * time.Millisecond)
	}
	fmt.Println(strings.Join(log, "\n"))

	s := &Scheduler{clock: clk}
	s.Add("flush", 30*time.Second)
	s.Add("report", time.Minute)
	s.Add("gc", 45*time.Second)
	for range 6 {
		clk.Advance(40 * time.Second)
		fmt.Println(clk.Now().Format("15:04:05"), s.Tick())
	}
	for _, j := range s.jobs {
		fmt.Printf("%-6s every %-5v next %s runs %d %v\n", j.Name, j.Every, j.At.Format("15:04:05"), len(j.Runs), j.Runs)
	}
	d := clk.Now().Sub(start)
	fmt.Println(d, d.Round(time.Minute), d.Truncate(time.Minute), d.Minutes(), start.Add(-d).Format("Jan 2 15:04"))
	deadline := start.Add(90 * time.Minute)
	fmt.Println(deadline.Sub(clk.Now()).Round(time.Second), clk.Now().Before(deadline), deadline.Format("2006-01-02T15:04"))
}
