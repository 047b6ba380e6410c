// Value and reference semantics: arrays and structs copied, slices and
// maps shared, pointers into slices across append, interfaces holding
// nil pointers, comparisons, and zero values.
package main

import (
	"fmt"
	"reflect"
)

type Point struct{ X, Y int }

type Box struct {
	Min, Max Point
	Tags     []string
	Meta     map[string]int
}

type Shape interface{ Area() int }

type Sq struct{ s int }

func (q *Sq) Area() int {
	if q == nil {
		return -1
	}
	return q.s * q.s
}

func grow(ps []Point) {
	ps[0].X = 100
	ps = append(ps, Point{9, 9})
	ps[1].X = 200
}

func find(id int) *Sq {
	if id > 0 {
		return &Sq{id}
	}
	return nil
}

func main() {
	a := [3]Point{{1, 2}, {3, 4}}
	b := a
	b[0].X = 99
	fmt.Println(a[0], b[0], a == [3]Point{{1, 2}, {3, 4}})

	box := Box{Point{0, 0}, Point{1, 1}, []string{"x"}, map[string]int{"n": 1}}
	box2 := box
	box2.Min.X = 5
	box2.Tags[0] = "shared"
	box2.Meta["n"] = 2
	box2.Tags = append(box2.Tags, "own")
	fmt.Println(box.Min, box.Tags, box.Meta, box2.Tags)

	ps := make([]Point, 2, 2)
	grow(ps)
	fmt.Println(ps)
	ps2 := make([]Point, 2, 10)
	grow(ps2)
	fmt.Println(ps2, len(ps2), ps2[:3][2])

	s := []int{1, 2, 3}
	p := &s[0]
	s = append(s, 4)
	*p = 100
	fmt.Println(s[0] == 100, *p)

	var sq *Sq
	var sh Shape = sq
	fmt.Println(sq == nil, sh == nil, sh.Area(), find(0) == nil)
	var sh2 Shape = find(3)
	fmt.Println(sh2.Area(), sh2 != nil)

	m := map[Point][]string{}
	m[Point{1, 1}] = append(m[Point{1, 1}], "a")
	m[Point{1, 1}] = append(m[Point{1, 1}], "b")
	fmt.Println(m, len(m[Point{2, 2}]))
	counts := map[string]*int{}
	for _, w := range []string{"x", "y", "x"} {
		if counts[w] == nil {
			counts[w] = new(int)
		}
		*counts[w]++
	}
	fmt.Println(*counts["x"], *counts["y"])

	var zero Box
	fmt.Println(zero.Tags == nil, zero.Meta == nil, len(zero.Meta), zero.Meta["none"], zero.Min == Point{})
	fmt.Println(reflect.DeepEqual(box.Tags, []string{"shared"}), reflect.DeepEqual(map[int][]int{1: {2}}, map[int][]int{1: {2}}))
	type pair struct {
		a any
		b any
	}
	fmt.Println(pair{1, "x"} == pair{1, "x"}, any(Point{1, 2}) == any(Point{1, 2}), any(1) == any(1.0))
	arr := [...]string{2: "c", 0: "a"}
	fmt.Println(len(arr), arr, fmt.Sprintf("%q", arr))
}
