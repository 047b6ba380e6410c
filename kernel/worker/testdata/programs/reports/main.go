// Reports of observations: time arithmetic and layouts, fmt's verbs and
// widths, text/tabwriter tables, strings.Builder, bucketing by truncated
// times, and a type with a Format method in a table.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// cell
type Mag float64

func (m Mag) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		fmt.Fprintf(f, "%.2fm", float64(m))
	default:
		fmt.Fprintf(f, "%"+string(verb), float64(m))
	}
}

type Obs struct {
	At   time.Time     `json:"at"`
	Band string        `json:"band"`
	Mag  Mag           `json:"mag"`
	Exp  time.Duration `json:"exp"`
}

func (o Obs) String() string {
	return fmt.Sprintf("%s %s %v", o.At.Format("15:04"), o.Band, o.Mag)
}

// cell
func bucket(obs []Obs, d time.Duration) map[time.Time][]Obs {
	out := map[time.Time][]Obs{}
	for _, o := range obs {
		k := o.At.Truncate(d)
		out[k] = append(out[k], o)
	}
	return out
}

func table(obs []Obs) string {
	var buf bytes.Buffer
	w := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(w, "time\tband\tmag\texp\t")
	for _, o := range obs {
		fmt.Fprintf(w, "%s\t%s\t%v\t%v\t\n", o.At.Format(time.Kitchen), o.Band, o.Mag, o.Exp)
	}
	w.Flush()
	return buf.String()
}

// cell
func main() {
	t0 := time.Date(2024, time.March, 9, 22, 40, 0, 0, time.UTC)
	var obs []Obs
	for i, b := range []string{"g", "r", "g", "i", "r", "g"} {
		obs = append(obs, Obs{t0.Add(time.Duration(i*17) * time.Minute), b, Mag(18 + float64(i)*0.37), time.Duration(30+i*15) * time.Second})
	}
	fmt.Print(table(obs))
	bs := bucket(obs, time.Hour)
	keys := make([]time.Time, 0, len(bs))
	for k := range bs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Before(keys[j]) })
	for _, k := range keys {
		fmt.Printf("%s %d %v\n", k.Format(time.RFC3339), len(bs[k]), bs[k])
	}
	span := obs[len(obs)-1].At.Sub(obs[0].At)
	fmt.Println(span, span.Minutes(), span.Round(time.Hour), obs[2].At.Weekday(), obs[5].At.YearDay())
	fmt.Printf("|%8.3f|%-6s|%6s|%x|%q|%U|%+d|%08.2f|%e|\n", 3.14159, "ab", "cd", 255, "q\"t", 'λ', 5, -3.5, 123456.789)
	fmt.Printf("%v|%.1f|%5.1f|%s\n", Mag(19.456), Mag(19.456), Mag(2), []Mag{1, 2.5})
	var sb strings.Builder
	for i := 3; i > 0; i-- {
		fmt.Fprintf(&sb, "%d...", i)
	}
	sb.WriteString("go")
	fmt.Println(sb.String(), sb.Len())
	js, _ := json.Marshal(obs[:2])
	fmt.Println(string(js))
	var back []Obs
	if err := json.Unmarshal(js, &back); err != nil {
		fmt.Println(err)
	}
	fmt.Println(back[1], back[1].Exp, back[1].At.Equal(obs[1].At))
	d, err := time.ParseDuration("1h15m30.5s")
	fmt.Println(d, err, d.Truncate(time.Minute), time.Duration(1500)*time.Millisecond)
	w := tabwriter.NewWriter(os.Stdout, 4, 0, 1, '.', 0)
	fmt.Fprintln(w, "a\tbb\tccc")
	fmt.Fprintln(w, "dddd\te\tf")
	w.Flush()
}
