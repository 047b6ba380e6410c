// Joining two CSV tables by hand: parsing into structs with strconv,
// indexes by key, inner and left joins, aggregation per group, and
// writing the result back as CSV.
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

const objects = `id,name,type
1,M31,galaxy
2,Vega,star
3,Crab,nebula
4,Sirius,star
`

const obs = `obj,band,mag,night
1,g,3.4,10
2,g,0.03,10
2,r,0.1,11
4,g,-1.46,11
5,g,9.9,12
1,r,3.1,12
`

type Object struct {
	ID   int
	Name string
	Type string
}

type Obs struct {
	Obj   int
	Band  string
	Mag   float64
	Night int
}

func parse[T any](src string, row func([]string) (T, error)) ([]T, error) {
	recs, err := csv.NewReader(strings.NewReader(src)).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []T
	for i, r := range recs[1:] {
		v, err := row(r)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+2, err)
		}
		out = append(out, v)
	}
	return out, nil
}

func main() {
	objs, err := parse(objects, func(r []string) (Object, error) {
		id, err := strconv.Atoi(r[0])
		return Object{id, r[1], r[2]}, err
	})
	fmt.Println(len(objs), err)
	os_, err := parse(obs, func(r []string) (Obs, error) {
		id, err := strconv.Atoi(r[0])
		if err != nil {
			return Obs{}, err
		}
		mag, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			return Obs{}, err
		}
		night, err := strconv.Atoi(r[3])
		return Obs{id, r[1], mag, night}, err
	})
	fmt.Println(len(os_), err)
	byID := map[int]Object{}
	for _, o := range objs {
		byID[o.ID] = o
	}
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"name", "type", "band", "mag"})
	type agg struct {
		n   int
		sum float64
	}
	perType := map[string]*agg{}
	for _, ob := range os_ {
		o, ok := byID[ob.Obj]
		if !ok {
			w.Write([]string{"?", "?", ob.Band, strconv.FormatFloat(ob.Mag, 'f', -1, 64)})
			continue
		}
		w.Write([]string{o.Name, o.Type, ob.Band, strconv.FormatFloat(ob.Mag, 'f', -1, 64)})
		a := perType[o.Type]
		if a == nil {
			a = &agg{}
			perType[o.Type] = a
		}
		a.n++
		a.sum += ob.Mag
	}
	w.Flush()
	types := make([]string, 0, len(perType))
	for t := range perType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Printf("%-7s n=%d mean=%.3f\n", t, perType[t].n, perType[t].sum/float64(perType[t].n))
	}
	seen := map[int]bool{}
	for _, ob := range os_ {
		seen[ob.Obj] = true
	}
	var never []string
	for _, o := range objs {
		if !seen[o.ID] {
			never = append(never, o.Name)
		}
	}
	fmt.Println("never observed:", never)
	_, err = parse("a,b\nx,y\n", func(r []string) (int, error) { return strconv.Atoi(r[0]) })
	fmt.Println(err)
}
