// Reading CSV, aggregating with maps of structs, and printing a report
// with text/tabwriter and strconv.
package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

const data = `band,mag,err,obj
g,18.25,0.02,ZTF1
r,17.9,0.03,ZTF1
g,19.1,0.05,ZTF2
i,17.2,,ZTF1
r,bad,0.1,ZTF2
g,18.5,0.02,ZTF1
`

type stats struct {
	n          int
	sum, sumSq float64
	min, max   float64
}

func (s *stats) add(x float64) {
	if s.n == 0 || x < s.min {
		s.min = x
	}
	if s.n == 0 || x > s.max {
		s.max = x
	}
	s.n++
	s.sum += x
	s.sumSq += x * x
}

func (s stats) mean() float64 { return s.sum / float64(s.n) }
func (s stats) std() float64 {
	m := s.mean()
	return math.Sqrt(s.sumSq/float64(s.n) - m*m)
}

func main() {
	r := csv.NewReader(strings.NewReader(data))
	header, err := r.Read()
	fmt.Println(header, err)
	byBand := map[string]*stats{}
	var bad []string
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			fmt.Println("csv:", err)
			continue
		}
		mag, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			bad = append(bad, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		st, ok := byBand[rec[0]]
		if !ok {
			st = &stats{}
			byBand[rec[0]] = st
		}
		st.add(mag)
	}
	bands := make([]string, 0, len(byBand))
	for b := range byBand {
		bands = append(bands, b)
	}
	sort.Strings(bands)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "band\tn\tmean\tstd\tmin\tmax\t")
	for _, b := range bands {
		s := byBand[b]
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%g\t%g\t\n", b, s.n, s.mean(), s.std(), s.min, s.max)
	}
	tw.Flush()
	fmt.Println(strings.Join(bad, "; "))
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"band", "mean"})
	for _, b := range bands {
		w.Write([]string{b, strconv.FormatFloat(byBand[b].mean(), 'f', 2, 64)})
	}
	w.Flush()
	fmt.Println(strconv.Quote("tab\there"), strconv.Itoa(-45), strconv.FormatInt(255, 2), strconv.AppendInt(nil, 42, 16))
	v, err := strconv.ParseInt("7fffffffffffffff0", 16, 64)
	fmt.Println(v, err)
	u, _ := strconv.ParseUint("42", 10, 8)
	bl, _ := strconv.ParseBool("true")
	fmt.Println(u, bl, math.Inf(1), -math.MaxFloat64, math.NaN(), math.Round(2.5), math.Floor(-2.5))
}
