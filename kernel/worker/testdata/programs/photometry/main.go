// Photometry of light curves: generic statistics over ~float64 types,
// magnitudes and fluxes as named float types with methods, detections
// sorted by several keys with cmp.Or, Julian dates from time.Time,
// sigma clipping, binning into a map of slices, and a report with
// aligned columns.
package main

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

type Mag float64
type Flux float64

func (m Mag) Flux() Flux     { return Flux(math.Pow(10, -0.4*(float64(m)-23.9))) }
func (f Flux) Mag() Mag      { return Mag(23.9 - 2.5*math.Log10(float64(f))) }
func (m Mag) String() string { return fmt.Sprintf("%.2f mag", float64(m)) }

type Number interface{ ~float64 | ~int }

func Mean[T Number](xs []T) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += float64(x)
	}
	return s / float64(len(xs))
}

func Std[T Number](xs []T) float64 {
	m := Mean(xs)
	var s float64
	for _, x := range xs {
		d := float64(x) - m
		s += d * d
	}
	return math.Sqrt(s / float64(len(xs)))
}

func Median[T cmp.Ordered](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// cell
type Detection struct {
	Object string
	Band   byte
	JD     float64
	Mag    Mag
	Err    float64
}

func JD(t time.Time) float64 {
	return float64(t.Unix())/86400.0 + 2440587.5
}

func clip(ds []Detection, k float64) ([]Detection, int) {
	mags := make([]Mag, len(ds))
	for i, d := range ds {
		mags[i] = d.Mag
	}
	m, s := Mean(mags), Std(mags)
	kept := slices.DeleteFunc(slices.Clone(ds), func(d Detection) bool {
		return math.Abs(float64(d.Mag)-m) > k*s
	})
	return kept, len(ds) - len(kept)
}

// cell
func main() {
	t0 := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	fmt.Printf("JD of t0: %.5f\n", JD(t0))
	var ds []Detection
	for i := range 24 {
		band := byte("gr"[i%2])
		obj := []string{"ZTF24aaa", "ZTF24bbb", "ZTF24ccc"}[i%3]
		m := Mag(18 + 0.1*float64(i%5) + float64(band-'g')*0.05)
		if i == 17 {
			m = 14.2 // an outlier
		}
		ds = append(ds, Detection{obj, band, JD(t0.Add(time.Duration(i) * 6 * time.Hour)), m, 0.02 + 0.001*float64(i)})
	}
	kept, dropped := clip(ds, 2)
	fmt.Println("kept", len(kept), "dropped", dropped)

	slices.SortStableFunc(kept, func(a, b Detection) int {
		return cmp.Or(cmp.Compare(a.Object, b.Object), cmp.Compare(a.Band, b.Band), cmp.Compare(b.JD, a.JD))
	})
	for _, d := range kept[:4] {
		fmt.Printf("%-9s %c %.3f %v ±%.3f\n", d.Object, d.Band, d.JD-2460000, d.Mag, d.Err)
	}

	byObj := map[string][]Mag{}
	for _, d := range kept {
		byObj[d.Object] = append(byObj[d.Object], d.Mag)
	}
	var b strings.Builder
	for _, o := range slices.Sorted(maps.Keys(byObj)) {
		ms := byObj[o]
		fmt.Fprintf(&b, "%s n=%2d mean=%.3f std=%.4f median=%v flux=%.1f\n", o, len(ms), Mean(ms), Std(ms), Median(ms), float64(Median(ms).Flux()))
	}
	fmt.Print(b.String())
	fmt.Println(Mag(20).Flux().Mag(), Mean([]int{1, 2, 4}), math.IsNaN(Mean([]Flux{})))
	brightest := slices.MinFunc(kept, func(a, b Detection) int { return cmp.Compare(a.Mag, b.Mag) })
	fmt.Println("brightest", brightest.Object, brightest.Mag)
}
