// Ranking with sort.Interface: types that sort themselves, sort.Reverse
// and sort.Stable over them, a multi-key sort through an embedded
// interface that overrides Less, text/tabwriter output, and ties broken
// by insertion order.
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode"
)

type Player struct {
	Name   string
	Team   string
	Points int
	Games  int
}

func (p Player) Avg() float64 {
	if p.Games == 0 {
		return 0
	}
	return float64(p.Points) / float64(p.Games)
}

// cell
type Players []Player

func (ps Players) Len() int           { return len(ps) }
func (ps Players) Swap(i, j int)      { ps[i], ps[j] = ps[j], ps[i] }
func (ps Players) Less(i, j int) bool { return ps[i].Name < ps[j].Name }

type ByPoints struct{ Players }

func (b ByPoints) Less(i, j int) bool { return b.Players[i].Points < b.Players[j].Points }

type ByTeamThenAvg struct{ Players }

func (b ByTeamThenAvg) Less(i, j int) bool {
	p, q := b.Players[i], b.Players[j]
	if p.Team != q.Team {
		return p.Team < q.Team
	}
	return p.Avg() > q.Avg()
}

// cell
func initials(name string) string {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		for _, r := range f {
			if unicode.IsLetter(r) {
				b.WriteRune(unicode.ToUpper(r))
				break
			}
		}
	}
	return b.String()
}

func table(ps Players) {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(w, "name\tteam\tpts\tavg\tini\t")
	for _, p := range ps {
		fmt.Fprintf(w, "%s\t%s\t%d\t%.2f\t%s\t\n", p.Name, p.Team, p.Points, p.Avg(), initials(p.Name))
	}
	w.Flush()
}

func main() {
	ps := Players{
		{"ada lovelace", "red", 30, 4},
		{"grace hopper", "blue", 30, 3},
		{"alan turing", "red", 12, 2},
		{"jean-luc picard", "blue", 45, 9},
		{"émilie du châtelet", "green", 7, 0},
	}
	sort.Sort(ps)
	fmt.Println(ps[0].Name, ps[len(ps)-1].Name, sort.IsSorted(ps))
	sort.Stable(sort.Reverse(ByPoints{ps}))
	for _, p := range ps {
		fmt.Print(p.Points, ":", initials(p.Name), " ")
	}
	fmt.Println()
	sort.Sort(ByTeamThenAvg{ps})
	table(ps)
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Team >= "green" })
	fmt.Println("first green at", i, ps[i].Name)
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	fmt.Printf("%q\n", names[:2])
	var by sort.Interface = &ByPoints{ps}
	if bp, ok := by.(*ByPoints); ok {
		fmt.Println(bp.Len(), bp.Less(0, 1))
	}
}
