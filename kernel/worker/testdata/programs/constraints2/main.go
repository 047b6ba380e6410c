// Constraints with methods: generic funcs over interfaces of the program,
// fmt.Stringer, type sets with methods, and generic types whose type
// parameters must have methods.
package main

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }
type Square struct{ S float64 }
type Tri struct{ B, H float64 }

func (r Rect) Area() float64   { return r.W * r.H }
func (r Rect) Name() string    { return "rect" }
func (s Square) Area() float64 { return s.S * s.S }
func (s Square) Name() string  { return "square" }
func (t *Tri) Area() float64   { return t.B * t.H / 2 }
func (t *Tri) Name() string    { return "tri" }

func Largest[S Shape](xs []S) (best S) {
	for i, x := range xs {
		if i == 0 || x.Area() > best.Area() {
			best = x
		}
	}
	return best
}

func TotalArea[S Shape](xs ...S) float64 {
	t := 0.0
	for _, x := range xs {
		t += x.Area()
	}
	return t
}

type Celsius int

func (c Celsius) String() string { return strconv.Itoa(int(c)) + "°C" }

type Level int

func (l Level) String() string { return [...]string{"low", "mid", "high"}[l] }

type IntStringer interface {
	~int
	String() string
}

func MaxOf[T IntStringer](xs []T) string {
	m := slices.Max(xs)
	return fmt.Sprintf("%s (%d)", m.String(), int(m))
}

func JoinAll[T fmt.Stringer](xs []T, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, sep)
}

type Ranked[T interface {
	comparable
	fmt.Stringer
}] struct {
	order []T
	score map[T]int
}

func NewRanked[T interface {
	comparable
	fmt.Stringer
}]() *Ranked[T] {
	return &Ranked[T]{score: map[T]int{}}
}

func (r *Ranked[T]) Add(x T, s int) {
	if _, ok := r.score[x]; !ok {
		r.order = append(r.order, x)
	}
	r.score[x] += s
}

func (r *Ranked[T]) Top(n int) []string {
	xs := slices.Clone(r.order)
	sort.SliceStable(xs, func(i, j int) bool { return r.score[xs[i]] > r.score[xs[j]] })
	var out []string
	for _, x := range xs[:min(n, len(xs))] {
		out = append(out, fmt.Sprintf("%v=%d", x, r.score[x]))
	}
	return out
}

func SortedBy[T any, K cmp.Ordered](xs []T, key func(T) K) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return out
}

func main() {
	rects := []Rect{{2, 3}, {1, 10}, {4, 1}}
	fmt.Println(Largest(rects), TotalArea(rects...))
	shapes := []Shape{Rect{2, 2}, Square{3}, &Tri{4, 5}}
	big := Largest(shapes)
	fmt.Println(big.Name(), big.Area(), TotalArea(shapes...))
	tris := []*Tri{{1, 1}, {3, 3}}
	fmt.Println(Largest(tris).B, TotalArea(tris[0], tris[1]))

	temps := []Celsius{21, 35, -4}
	fmt.Println(MaxOf(temps), MaxOf([]Level{0, 2, 1}))
	fmt.Println(JoinAll(temps, ", "), "|", JoinAll([]Level{2, 0}, "/"))

	r := NewRanked[Level]()
	for i, l := range []Level{0, 1, 2, 1, 0, 1} {
		r.Add(l, i)
	}
	fmt.Println(r.Top(2), r.Top(5))

	byArea := SortedBy(shapes, func(s Shape) float64 { return s.Area() })
	for _, s := range byArea {
		fmt.Print(s.Name(), " ")
	}
	fmt.Println()
	byName := SortedBy(shapes, Shape.Name)
	fmt.Println(byName[0].Name(), SortedBy(temps, func(c Celsius) int { return -int(c) }))
}
