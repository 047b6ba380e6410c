// Generic JSON helpers: decoding into a type parameter (slices, maps,
// structs, pointers), a generic envelope with a payload, and round trips
// of generic instances with tags.
package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// cell
type Point struct {
	X, Y int
}

type Envelope[T any] struct {
	Kind    string `json:"kind"`
	Payload T      `json:"payload"`
	Note    string `json:"note,omitempty"`
}

func Decode[T any](data string) (T, error) {
	var v T
	err := json.Unmarshal([]byte(data), &v)
	return v, err
}

func Encode[T any](v T) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "error: " + err.Error()
	}
	return string(b)
}

func Wrap[T any](kind string, v T) Envelope[T] { return Envelope[T]{Kind: kind, Payload: v} }

func Keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cell
func main() {
	pts, err := Decode[[]Point](`[{"X":1,"Y":2},{"X":3}]`)
	fmt.Println(pts, err)
	m, err := Decode[map[string]Point](`{"a":{"X":5},"b":{"Y":6}}`)
	fmt.Println(Keys(m), m["b"], err)
	p, err := Decode[*Point](`{"X":7,"Y":8}`)
	fmt.Println(*p, err)
	_, err = Decode[Point](`{"X":"nope"}`)
	fmt.Println(err != nil, strings.Contains(fmt.Sprint(err), "Point.X"))

	e := Wrap("points", pts)
	s := Encode(e)
	fmt.Println(s)
	back, err := Decode[Envelope[[]Point]](s)
	fmt.Println(back.Kind, back.Payload, back.Note == "", err)
	e2 := Wrap("map", map[string]int{"z": 1, "a": 2})
	e2.Note = "sorted keys"
	fmt.Println(Encode(e2))
	nested := Wrap("env", Wrap("inner", Point{1, 1}))
	fmt.Println(Encode(nested))
	raw, _ := Decode[map[string]any](Encode(nested))
	fmt.Println(Keys(raw), raw["payload"].(map[string]any)["kind"])
}
