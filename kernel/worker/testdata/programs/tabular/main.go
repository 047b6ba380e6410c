// Reports in columns: text/tabwriter alignment, fmt widths with
// computed sizes, totals rows, and a sparkline.
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
)

type Sale struct {
	Region string
	Rep    string
	Units  int
	Price  float64
}

func (s Sale) Total() float64 { return float64(s.Units) * s.Price }

func sparkline(xs []float64) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo, hi = min(lo, x), max(hi, x)
	}
	var b strings.Builder
	for _, x := range xs {
		i := 0
		if hi > lo {
			i = int((x - lo) / (hi - lo) * float64(len(bars)-1))
		}
		b.WriteRune(bars[i])
	}
	return b.String()
}

func main() {
	sales := []Sale{
		{"north", "ann", 12, 9.99},
		{"south", "bob", 3, 120.5},
		{"north", "cid", 40, 2.25},
		{"east", "dee", 7, 33.0},
		{"south", "eve", 15, 18.75},
	}
	sort.Slice(sales, func(i, j int) bool {
		if sales[i].Region != sales[j].Region {
			return sales[i].Region < sales[j].Region
		}
		return sales[i].Total() > sales[j].Total()
	})
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(w, "region\trep\tunits\tprice\ttotal\t")
	var grand float64
	byRegion := map[string]float64{}
	for _, s := range sales {
		fmt.Fprintf(w, "%s\t%s\t%d\t%.2f\t%.2f\t\n", s.Region, s.Rep, s.Units, s.Price, s.Total())
		grand += s.Total()
		byRegion[s.Region] += s.Total()
	}
	fmt.Fprintf(w, "\t\t\t\t%.2f\t\n", grand)
	w.Flush()

	tw := tabwriter.NewWriter(os.Stdout, 8, 4, 1, '.', 0)
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, r := range regions {
		fmt.Fprintf(tw, "%s\t%8.2f\t%5.1f%%\n", r, byRegion[r], 100*byRegion[r]/grand)
	}
	tw.Flush()

	width := 0
	for _, s := range sales {
		width = max(width, len(s.Rep))
	}
	for _, s := range sales {
		fmt.Printf("%-*s|%*d|%s\n", width+1, s.Rep, 4, s.Units, strings.Repeat("*", s.Units/4))
	}
	fmt.Println(sparkline([]float64{1, 5, 2, 8, 3, 9, 4}))
	fmt.Printf("[%6.2f] [%-8s] [%08.3f] [%+d] [%x] [%X] [%o] [%b] [%e]\n", 3.14159, "go", -3.5, 5, 255, 255, 8, 5, 12345.678)
	fmt.Printf("[%5t] [%-5t] [%3c] [%-4q] [%U] [%#x] [%#o] [% d]\n", true, false, 'x', 'y', 'z', 255, 8, 7)
	fmt.Printf("[%v] [%.3s] [%10.4v] [%T] [%p]\n", []string{"a"}, "abcdef", 3.14159265, sales[0], nil)
}
