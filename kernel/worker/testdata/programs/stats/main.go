// Descriptive statistics over a generic Number constraint: mean, median,
// mode, variance, percentiles, a histogram and a z-score table.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

type Number interface {
	~int | ~int32 | ~int64 | ~float32 | ~float64
}

var ErrEmpty = errors.New("stats: empty sample")

func Mean[T Number](xs []T) (float64, error) {
	if len(xs) == 0 {
		return 0, ErrEmpty
	}
	var sum float64
	for _, x := range xs {
		sum += float64(x)
	}
	return sum / float64(len(xs)), nil
}

func Median[T Number](xs []T) (float64, error) {
	if len(xs) == 0 {
		return 0, ErrEmpty
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2]), nil
	}
	return (float64(s[n/2-1]) + float64(s[n/2])) / 2, nil
}

func Mode[T cmp.Ordered](xs []T) []T {
	counts := map[T]int{}
	best := 0
	for _, x := range xs {
		counts[x]++
		best = max(best, counts[x])
	}
	var out []T
	for v, c := range counts {
		if c == best {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

func Variance[T Number](xs []T) float64 {
	m, err := Mean(xs)
	if err != nil || len(xs) < 2 {
		return 0
	}
	var ss float64
	for _, x := range xs {
		d := float64(x) - m
		ss += d * d
	}
	return ss / float64(len(xs)-1)
}

func Percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	rank := p / 100 * float64(len(sorted)-1)
	lo := int(math.Floor(rank))
	hi := int(math.Ceil(rank))
	frac := rank - float64(lo)
	return sorted[lo] + frac*(sorted[hi]-sorted[lo])
}

type Summary struct {
	N             int
	Mean, Std     float64
	Min, Max      float64
	P25, P50, P75 float64
}

func (s Summary) String() string {
	return fmt.Sprintf("n=%d mean=%.2f sd=%.2f min=%g q1=%.2f med=%.2f q3=%.2f max=%g",
		s.N, s.Mean, s.Std, s.Min, s.P25, s.P50, s.P75, s.Max)
}

func Summarize[T Number](xs []T) (Summary, error) {
	m, err := Mean(xs)
	if err != nil {
		return Summary{}, fmt.Errorf("summarize: %w", err)
	}
	f := make([]float64, len(xs))
	for i, x := range xs {
		f[i] = float64(x)
	}
	sort.Float64s(f)
	return Summary{
		N: len(xs), Mean: m, Std: math.Sqrt(Variance(xs)),
		Min: f[0], Max: f[len(f)-1],
		P25: Percentile(f, 25), P50: Percentile(f, 50), P75: Percentile(f, 75),
	}, nil
}

func Histogram(xs []float64, bins int, width int) []string {
	lo, hi := slices.Min(xs), slices.Max(xs)
	counts := make([]int, bins)
	for _, x := range xs {
		i := int((x - lo) / (hi - lo) * float64(bins))
		if i == bins {
			i--
		}
		counts[i]++
	}
	peak := slices.Max(counts)
	var lines []string
	for i, c := range counts {
		from := lo + float64(i)*(hi-lo)/float64(bins)
		bar := strings.Repeat("#", c*width/peak)
		lines = append(lines, fmt.Sprintf("%6.1f | %-*s %d", from, width, bar, c))
	}
	return lines
}

type Celsius float64

func main() {
	ints := []int{4, 8, 15, 16, 23, 42, 8}
	m, _ := Mean(ints)
	med, _ := Median(ints)
	fmt.Printf("%.3f %.1f %v %.3f\n", m, med, Mode(ints), Variance(ints))
	temps := []Celsius{21.5, 19.0, 23.25, 18.5}
	tm, _ := Mean(temps)
	tmed, _ := Median(temps)
	fmt.Println(tm, tmed, Mode([]string{"b", "a", "b", "a", "c"}))
	_, err := Mean([]float64{})
	fmt.Println(err, errors.Is(err, ErrEmpty))
	s, err := Summarize(ints)
	fmt.Println(s, err)
	_, err = Summarize([]int32{})
	fmt.Println(err, errors.Is(err, ErrEmpty))

	data := make([]float64, 0, 200)
	seed := uint32(7)
	for range 200 {
		seed = seed*1664525 + 1013904223
		u1 := float64(seed>>8) / float64(1<<24)
		seed = seed*1664525 + 1013904223
		u2 := float64(seed>>8) / float64(1<<24)
		z := math.Sqrt(-2*math.Log(u1+1e-12)) * math.Cos(2*math.Pi*u2)
		data = append(data, 50+10*z)
	}
	for _, l := range Histogram(data, 8, 30) {
		fmt.Println(l)
	}
	sum, _ := Summarize(data)
	fmt.Println(sum)
	for _, x := range []float64{30, 50, 75} {
		fmt.Printf("z(%g)=%+.2f ", x, (x-sum.Mean)/sum.Std)
	}
	fmt.Println()
}
