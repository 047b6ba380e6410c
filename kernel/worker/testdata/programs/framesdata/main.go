// Frames from your own structs: a survey night's detections filtered,
// grouped and joined, with the same answers computed by hand beside them.
package main

import (
	"fmt"
	"math"
	"sort"

	"github.com/fountain-go/fountain/frames"
)

type Detection struct {
	Object string  `frame:"objectId"`
	Band   string  `frame:"band"`
	Mag    float64 `frame:"mag"`
	Score  float64 `frame:"rb"`
	note   string
}

type Class struct {
	Object string `frame:"objectId"`
	Kind   string `frame:"class"`
}

func detections() []Detection {
	var out []Detection
	for i := range 24 {
		out = append(out, Detection{
			Object: fmt.Sprintf("ZTF%d", i%5),
			Band:   []string{"g", "r", "i"}[i%3],
			Mag:    17 + float64(i%7)*0.5,
			Score:  math.Round(float64((i*37)%100)) / 100,
			note:   "n",
		})
	}
	return out
}

func main() {
	ds := detections()
	f := frames.FromStructs(ds)
	fmt.Println(f.Columns(), f.NumRows())
	good := f.Filter(frames.Col("rb").Ge(0.5))
	n := 0
	for _, d := range ds {
		if d.Score >= 0.5 {
			n++
		}
	}
	fmt.Println(good.NumRows(), n)
	per := good.GroupBy("objectId").Agg(frames.Count(), frames.Col("mag").Min().Alias("brightest")).Sort("objectId")
	fmt.Println(per)
	byHand := map[string][2]float64{}
	for _, d := range ds {
		if d.Score < 0.5 {
			continue
		}
		e, ok := byHand[d.Object]
		if !ok || d.Mag < e[1] {
			e[1] = d.Mag
		}
		e[0]++
		byHand[d.Object] = e
	}
	keys := make([]string, 0, len(byHand))
	for k := range byHand {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s %v %v\n", k, byHand[k][0], byHand[k][1])
	}
	classes := frames.FromStructs([]Class{{"ZTF1", "SN Ia"}, {"ZTF3", "AGN"}})
	joined := per.Join(classes, "objectId").Select("objectId", "class", "count")
	fmt.Println(joined)
	fmt.Println(f.Filter(frames.Col("band").Eq("g")).Sort("-mag").Head(3).Select("objectId", "mag"))
}
