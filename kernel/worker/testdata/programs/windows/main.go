// Event-time tumbling windows by hand: a watermark that trails the
// largest event time seen, late events counted and dropped, windows
// emitted in order once the watermark passes their end, generic over the
// key and the measured value.
package main

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"
)

type Number interface {
	~int | ~int64 | ~float64
}

type Event[K comparable, V Number] struct {
	Key K
	At  time.Time
	Val V
}

// cell
type agg[V Number] struct {
	n        int
	sum      V
	min, max V
}

func (a *agg[V]) add(v V) {
	if a.n == 0 || v < a.min {
		a.min = v
	}
	if a.n == 0 || v > a.max {
		a.max = v
	}
	a.n++
	a.sum += v
}

// cell
type Row[K comparable, V Number] struct {
	Start time.Time
	Key   K
	N     int
	Sum   V
	Min   V
	Max   V
}

func (r Row[K, V]) String() string {
	return fmt.Sprintf("%s %v n=%d sum=%v [%v..%v]", r.Start.Format("15:04:05"), r.Key, r.N, r.Sum, r.Min, r.Max)
}

// cell
type Windows[K cmp.Ordered, V Number] struct {
	size, lateness time.Duration
	open           map[time.Time]map[K]*agg[V]
	maxSeen        time.Time
	Late           int
}

func NewWindows[K cmp.Ordered, V Number](size, lateness time.Duration) *Windows[K, V] {
	return &Windows[K, V]{size: size, lateness: lateness, open: map[time.Time]map[K]*agg[V]{}}
}

func (w *Windows[K, V]) Watermark() time.Time { return w.maxSeen.Add(-w.lateness) }

// cell
// Add takes one event and returns the rows of the windows it closes.
func (w *Windows[K, V]) Add(e Event[K, V]) []Row[K, V] {
	start := e.At.Truncate(w.size)
	if !start.Add(w.size).After(w.Watermark()) && !w.maxSeen.IsZero() {
		w.Late++
		return nil
	}
	if e.At.After(w.maxSeen) {
		w.maxSeen = e.At
	}
	byKey, ok := w.open[start]
	if !ok {
		byKey = map[K]*agg[V]{}
		w.open[start] = byKey
	}
	a := byKey[e.Key]
	if a == nil {
		a = &agg[V]{}
		byKey[e.Key] = a
	}
	a.add(e.Val)
	return w.closed(false)
}

func (w *Windows[K, V]) closed(all bool) []Row[K, V] {
	var out []Row[K, V]
	for _, start := range slices.SortedFunc(maps.Keys(w.open), func(a, b time.Time) int { return a.Compare(b) }) {
		if !all && start.Add(w.size).After(w.Watermark()) {
			break
		}
		for _, k := range slices.Sorted(maps.Keys(w.open[start])) {
			a := w.open[start][k]
			out = append(out, Row[K, V]{start, k, a.n, a.sum, a.min, a.max})
		}
		delete(w.open, start)
	}
	return out
}

// Flush closes every open window.
func (w *Windows[K, V]) Flush() []Row[K, V] { return w.closed(true) }

// cell
func Events[K comparable, V Number](base time.Time, keys []K, offsets []int, vals []V) iter.Seq[Event[K, V]] {
	return func(yield func(Event[K, V]) bool) {
		for i := range offsets {
			if !yield(Event[K, V]{keys[i%len(keys)], base.Add(time.Duration(offsets[i]) * time.Second), vals[i]}) {
				return
			}
		}
	}
}

func main() {
	base := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	w := NewWindows[string, float64](10*time.Second, 5*time.Second)
	offs := []int{1, 3, 4, 12, 2, 15, 18, 9, 26, 3, 31, 44}
	vals := []float64{1.5, 2, -1, 4, 8, 0.5, 3, 7, 2, 9, 1, 6}
	emitted := 0
	for e := range Events(base, []string{"ztf", "lsst", "ztf"}, offs, vals) {
		for _, r := range w.Add(e) {
			emitted++
			fmt.Println("emit", r)
		}
	}
	for _, r := range w.Flush() {
		fmt.Println("flush", r)
	}
	fmt.Println("late", w.Late, "emitted", emitted, "wm", w.Watermark().Format(time.TimeOnly))

	counts := NewWindows[int, int](time.Minute, 0)
	var rows []string
	for i := range 7 {
		for _, r := range counts.Add(Event[int, int]{i % 2, base.Add(time.Duration(i*25) * time.Second), i}) {
			rows = append(rows, fmt.Sprint(r.Key, ":", r.Sum))
		}
	}
	for _, r := range counts.Flush() {
		rows = append(rows, fmt.Sprint(r.Key, ":", r.Sum))
	}
	fmt.Println(strings.Join(rows, " "), counts.Late)
}
