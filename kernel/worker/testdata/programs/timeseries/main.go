// Time series by hand: readings bucketed by hour with time.Truncate,
// moving averages, percentiles, gaps, and resampling with forward fill.
package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

type Reading struct {
	At    time.Time
	Value float64
}

type Bucket struct {
	Start time.Time
	N     int
	Sum   float64
	Min   float64
	Max   float64
}

func (b Bucket) Mean() float64 { return b.Sum / float64(b.N) }

func (b Bucket) String() string {
	return fmt.Sprintf("%s n=%d mean=%.2f [%.1f,%.1f]", b.Start.Format("15:04"), b.N, b.Mean(), b.Min, b.Max)
}

func bucket(rs []Reading, width time.Duration) []Bucket {
	m := map[time.Time]*Bucket{}
	for _, r := range rs {
		k := r.At.Truncate(width)
		b, ok := m[k]
		if !ok {
			b = &Bucket{Start: k, Min: math.Inf(1), Max: math.Inf(-1)}
			m[k] = b
		}
		b.N++
		b.Sum += r.Value
		b.Min = math.Min(b.Min, r.Value)
		b.Max = math.Max(b.Max, r.Value)
	}
	out := make([]Bucket, 0, len(m))
	for _, b := range m {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

func movingAvg(xs []float64, w int) []float64 {
	var out []float64
	sum := 0.0
	for i, x := range xs {
		sum += x
		if i >= w {
			sum -= xs[i-w]
		}
		if i >= w-1 {
			out = append(out, math.Round(sum/float64(w)*100)/100)
		}
	}
	return out
}

func percentile(xs []float64, p float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	rank := p / 100 * float64(len(s)-1)
	lo, hi := int(math.Floor(rank)), int(math.Ceil(rank))
	return s[lo] + (s[hi]-s[lo])*(rank-float64(lo))
}

func main() {
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	var rs []Reading
	for i := range 30 {
		if i >= 12 && i < 17 {
			continue // a gap
		}
		v := 10 + 5*math.Sin(float64(i)/4) + float64(i%3)
		rs = append(rs, Reading{t0.Add(time.Duration(i) * 7 * time.Minute), math.Round(v*10) / 10})
	}
	for _, b := range bucket(rs, time.Hour) {
		fmt.Println(b)
	}
	vals := make([]float64, len(rs))
	for i, r := range rs {
		vals[i] = r.Value
	}
	fmt.Println(movingAvg(vals, 5)[:6])
	fmt.Printf("p50=%.2f p90=%.2f p99=%.2f\n", percentile(vals, 50), percentile(vals, 90), percentile(vals, 99))
	var gaps []string
	for i := 1; i < len(rs); i++ {
		if d := rs[i].At.Sub(rs[i-1].At); d > 10*time.Minute {
			gaps = append(gaps, fmt.Sprintf("%s+%v", rs[i-1].At.Format("15:04"), d))
		}
	}
	fmt.Println(strings.Join(gaps, ","))
	var filled []string
	j := 0
	for t := t0; t.Before(t0.Add(3 * time.Hour)); t = t.Add(30 * time.Minute) {
		for j+1 < len(rs) && !rs[j+1].At.After(t) {
			j++
		}
		filled = append(filled, fmt.Sprintf("%.1f", rs[j].Value))
	}
	fmt.Println(filled, len(filled))
}
