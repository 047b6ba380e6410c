// Light curves from alerts: nested records, per-object series kept in
// maps of slices, generic rolling windows and statistics, JSON output of
// summaries with tags, and sorting by several keys.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// cell
type Band string

const (
	G Band = "g"
	R Band = "r"
)

type Point struct {
	MJD  float64 `json:"mjd"`
	Mag  float64 `json:"mag"`
	Err  float64 `json:"err"`
	Band Band    `json:"band"`
}

type Alert struct {
	ObjectID string  `json:"objectId"`
	RA, Dec  float64 `json:"-"`
	Cand     Point   `json:"candidate"`
	Prev     []Point `json:"prv_candidates,omitempty"`
}

var ErrBadPoint = errors.New("bad point")

func (p Point) Validate() error {
	switch {
	case math.IsNaN(p.Mag):
		return fmt.Errorf("mag NaN at %.1f: %w", p.MJD, ErrBadPoint)
	case p.Err <= 0:
		return fmt.Errorf("err %.2f at %.1f: %w", p.Err, p.MJD, ErrBadPoint)
	}
	return nil
}

// cell
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
	return math.Sqrt(s / float64(max(len(xs)-1, 1)))
}

func Rolling[T any, U any](xs []T, n int, f func([]T) U) []U {
	var out []U
	for i := n; i <= len(xs); i++ {
		out = append(out, f(xs[i-n:i]))
	}
	return out
}

func Pluck[T, V any](xs []T, f func(T) V) []V {
	out := make([]V, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// cell
type Curve struct {
	Object string             `json:"object"`
	Points map[Band][]Point   `json:"-"`
	Stats  map[Band][]float64 `json:"stats"`
	Bad    int                `json:"bad,omitempty"`
}

func Curves(alerts []Alert) map[string]*Curve {
	out := map[string]*Curve{}
	for _, a := range alerts {
		c, ok := out[a.ObjectID]
		if !ok {
			c = &Curve{Object: a.ObjectID, Points: map[Band][]Point{}}
			out[a.ObjectID] = c
		}
		for _, p := range append([]Point{a.Cand}, a.Prev...) {
			if err := p.Validate(); err != nil {
				if errors.Is(err, ErrBadPoint) {
					c.Bad++
				}
				continue
			}
			if !slices.ContainsFunc(c.Points[p.Band], func(q Point) bool { return q.MJD == p.MJD }) {
				c.Points[p.Band] = append(c.Points[p.Band], p)
			}
		}
	}
	for _, c := range out {
		c.Stats = map[Band][]float64{}
		for b, ps := range c.Points {
			sort.Slice(ps, func(i, j int) bool { return ps[i].MJD < ps[j].MJD })
			mags := Pluck(ps, func(p Point) float64 { return p.Mag })
			c.Stats[b] = []float64{math.Round(Mean(mags)*100) / 100, math.Round(Std(mags)*100) / 100}
		}
	}
	return out
}

// cell
func main() {
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	mjd := func(d time.Duration) float64 { return 60370 + float64(t0.Add(d).Sub(t0).Hours())/24 }
	alerts := []Alert{
		{ObjectID: "ZTF1", Cand: Point{mjd(0), 18.5, 0.1, G}},
		{ObjectID: "ZTF1", Cand: Point{mjd(48 * time.Hour), 18.1, 0.1, G}, Prev: []Point{{mjd(0), 18.5, 0.1, G}, {mjd(24 * time.Hour), 19.0, 0.2, R}}},
		{ObjectID: "ZTF2", Cand: Point{mjd(12 * time.Hour), math.NaN(), 0.1, R}},
		{ObjectID: "ZTF2", Cand: Point{mjd(36 * time.Hour), 20.25, 0, R}, Prev: []Point{{mjd(6 * time.Hour), 20.0, 0.3, R}}},
		{ObjectID: "ZTF1", Cand: Point{mjd(72 * time.Hour), 17.9, 0.1, G}},
	}
	curves := Curves(alerts)
	ids := make([]string, 0, len(curves))
	for id := range curves {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := curves[id]
		b, _ := json.Marshal(c)
		fmt.Println(string(b), len(c.Points[G]), len(c.Points[R]))
	}
	g := curves["ZTF1"].Points[G]
	fmt.Println(Rolling(Pluck(g, func(p Point) float64 { return p.Mag }), 2, Mean[float64]))
	fmt.Println(Rolling(g, 2, func(w []Point) string { return fmt.Sprintf("%.1f", w[1].MJD-w[0].MJD) }))
	var raw Alert
	err := json.Unmarshal([]byte(`{"objectId":"ZTF9","candidate":{"mjd":1.5,"mag":19,"err":0.1,"band":"g"}}`), &raw)
	fmt.Printf("%+v %v %v\n", raw.Cand, raw.Prev == nil, err)
	all := []Point{}
	for _, id := range ids {
		for _, ps := range curves[id].Points {
			all = append(all, ps...)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Band != all[j].Band {
			return all[i].Band < all[j].Band
		}
		return all[i].Mag < all[j].Mag
	})
	fmt.Println(strings.Join(Pluck(all, func(p Point) string { return fmt.Sprintf("%s%.2f", p.Band, p.Mag) }), " "))
}
