// Interfaces, embedding and type switches over shapes.
package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Named interface {
	Shape
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }
type Square struct{ Rect }
type Triangle struct{ A, B, C float64 }

func (r Rect) Area() float64         { return r.W * r.H }
func (r Rect) Perimeter() float64    { return 2 * (r.W + r.H) }
func (r Rect) Name() string          { return "rect" }
func (c *Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c *Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (c *Circle) Name() string       { return "circle" }
func (s Square) Name() string        { return "square" }
func NewSquare(s float64) Square     { return Square{Rect{s, s}} }
func (t Triangle) Area() float64 {
	s := t.Perimeter() / 2
	return math.Sqrt(s * (s - t.A) * (s - t.B) * (s - t.C))
}
func (t Triangle) Perimeter() float64 { return t.A + t.B + t.C }
func (t Triangle) String() string     { return fmt.Sprintf("△(%g,%g,%g)", t.A, t.B, t.C) }

// cell

type ByArea []Shape

func (a ByArea) Len() int           { return len(a) }
func (a ByArea) Less(i, j int) bool { return a[i].Area() < a[j].Area() }
func (a ByArea) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }

// cell

func describe(s Shape) string {
	switch v := s.(type) {
	case Square:
		return fmt.Sprintf("square side %g", v.W)
	case Rect:
		return fmt.Sprintf("rect %gx%g", v.W, v.H)
	case *Circle:
		return fmt.Sprintf("circle r=%g", v.R)
	case fmt.Stringer:
		return "stringer " + v.String()
	default:
		return "unknown"
	}
}

func main() {
	shapes := []Shape{Rect{3, 4}, &Circle{1}, NewSquare(2), Triangle{3, 4, 5}}
	sort.Sort(ByArea(shapes))
	var names []string
	for _, s := range shapes {
		n := "?"
		if nm, ok := s.(Named); ok {
			n = nm.Name()
		}
		names = append(names, n)
		fmt.Printf("%-8s %8.3f %8.3f  %s\n", n, s.Area(), s.Perimeter(), describe(s))
	}
	fmt.Println(strings.Join(names, ","))
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	fmt.Printf("total %.4f\n", total)
	var st fmt.Stringer = Triangle{1, 1, 1}
	fmt.Println(st, Triangle{2, 2, 2})
	fmt.Printf("%v %T\n", shapes[0], shapes[1])
	_, isNamed := Shape(Triangle{}).(Named)
	fmt.Println("triangle named:", isNamed)
}
