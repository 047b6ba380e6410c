// A gradebook: nested maps and slices of structs, methods on map and
// slice types, statistics, letter grades from a switch, and reports.
package main

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

type Score struct {
	Task string
	Got  float64
	Max  float64
	Late bool
}

type Student struct {
	Name   string
	Scores []Score
}

type Roster map[string]*Student

var ErrUnknown = errors.New("unknown student")

func (r Roster) Record(name string, s Score) error {
	st, ok := r[name]
	if !ok {
		return fmt.Errorf("record %s for %q: %w", s.Task, name, ErrUnknown)
	}
	if s.Late {
		s.Got *= 0.9
	}
	st.Scores = append(st.Scores, s)
	return nil
}

func (s *Student) Percent() float64 {
	var got, max float64
	for _, sc := range s.Scores {
		got += sc.Got
		max += sc.Max
	}
	if max == 0 {
		return 0
	}
	return 100 * got / max
}

func Letter(p float64) string {
	switch {
	case p >= 90:
		return "A"
	case p >= 80:
		return "B"
	case p >= 70:
		return "C"
	case p >= 60:
		return "D"
	}
	return "F"
}

type Stats struct{ Mean, Std, Min, Max float64 }

func stats(xs []float64) (s Stats) {
	s.Min, s.Max = math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		s.Mean += x
		s.Min, s.Max = math.Min(s.Min, x), math.Max(s.Max, x)
	}
	s.Mean /= float64(len(xs))
	for _, x := range xs {
		s.Std += (x - s.Mean) * (x - s.Mean)
	}
	s.Std = math.Sqrt(s.Std / float64(len(xs)))
	return
}

func main() {
	r := Roster{}
	for _, n := range []string{"ann", "bob", "cy"} {
		r[n] = &Student{Name: n}
	}
	records := []struct {
		who string
		s   Score
	}{
		{"ann", Score{"hw1", 9, 10, false}}, {"bob", Score{"hw1", 7, 10, true}}, {"cy", Score{"hw1", 10, 10, false}},
		{"ann", Score{"exam", 85, 100, false}}, {"bob", Score{"exam", 62, 100, false}}, {"cy", Score{"exam", 71, 100, true}},
		{"dee", Score{"hw1", 5, 10, false}},
	}
	for _, rec := range records {
		if err := r.Record(rec.who, rec.s); err != nil {
			fmt.Println(err, errors.Is(err, ErrUnknown))
		}
	}
	names := make([]string, 0, len(r))
	for n := range r {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return r[names[i]].Percent() > r[names[j]].Percent() })
	var ps []float64
	for _, n := range names {
		p := r[n].Percent()
		ps = append(ps, p)
		var tasks []string
		for _, s := range r[n].Scores {
			tasks = append(tasks, fmt.Sprintf("%s:%.1f", s.Task, s.Got))
		}
		fmt.Printf("%-4s %6.2f%% %s %s\n", n, p, Letter(p), strings.Join(tasks, " "))
	}
	st := stats(ps)
	fmt.Printf("%+.2f\n", st.Mean)
	fmt.Printf("%.2f %.2f %.2f %.2f\n", st.Mean, st.Std, st.Min, st.Max)
	byLetter := map[string][]string{}
	for _, n := range names {
		l := Letter(r[n].Percent())
		byLetter[l] = append(byLetter[l], n)
	}
	fmt.Println(byLetter, len(byLetter["A"]))
}
