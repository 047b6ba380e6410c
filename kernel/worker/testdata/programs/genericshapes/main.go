// Generics with methods in the constraints, generic types with methods
// (a Result and an Option), a generic cache keyed by a constraint, and
// generic funcs over those.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

type Shape interface {
	Area() float64
	Name() string
}

type Circle struct{ R float64 }
type Square struct{ S float64 }

func (c Circle) Area() float64 { return math.Pi * c.R * c.R }
func (c Circle) Name() string  { return "circle" }
func (s Square) Area() float64 { return s.S * s.S }
func (s Square) Name() string  { return "square" }

func Largest[S Shape](shapes []S) S {
	return slices.MaxFunc(shapes, func(a, b S) int { return cmp.Compare(a.Area(), b.Area()) })
}

func TotalArea[S Shape](shapes ...S) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

type Stringish interface {
	~string
	Len() int
}

type Word string

func (w Word) Len() int { return len(w) }

func Longest[T Stringish](xs []T) T {
	var best T
	for _, x := range xs {
		if x.Len() > best.Len() {
			best = x
		}
	}
	return best
}

type Result[T any] struct {
	val T
	err error
}

func Ok[T any](v T) Result[T]        { return Result[T]{val: v} }
func Err[T any](err error) Result[T] { return Result[T]{err: err} }

func (r Result[T]) Unwrap() (T, error) { return r.val, r.err }
func (r Result[T]) OrElse(d T) T {
	if r.err != nil {
		return d
	}
	return r.val
}
func (r Result[T]) String() string {
	if r.err != nil {
		return "Err(" + r.err.Error() + ")"
	}
	return fmt.Sprintf("Ok(%v)", r.val)
}

func Try[T, U any](r Result[T], f func(T) (U, error)) Result[U] {
	if r.err != nil {
		return Err[U](r.err)
	}
	v, err := f(r.val)
	if err != nil {
		return Err[U](err)
	}
	return Ok(v)
}

type Option[T any] struct {
	v  T
	ok bool
}

func Some[T any](v T) Option[T] { return Option[T]{v, true} }
func None[T any]() Option[T]    { return Option[T]{} }

func (o Option[T]) Get() (T, bool) { return o.v, o.ok }

func Find[T any](xs []T, pred func(T) bool) Option[T] {
	for _, x := range xs {
		if pred(x) {
			return Some(x)
		}
	}
	return None[T]()
}

type Cache[K comparable, V any] struct {
	data  map[K]V
	order []K
	limit int
}

func NewCache[K comparable, V any](limit int) *Cache[K, V] {
	return &Cache[K, V]{data: make(map[K]V), limit: limit}
}

func (c *Cache[K, V]) Put(k K, v V) {
	if _, ok := c.data[k]; !ok {
		c.order = append(c.order, k)
	}
	c.data[k] = v
	for len(c.order) > c.limit {
		delete(c.data, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *Cache[K, V]) Get(k K) (V, bool) {
	v, ok := c.data[k]
	return v, ok
}

func (c *Cache[K, V]) Keys() []K { return slices.Clone(c.order) }

var errNeg = errors.New("negative")

func main() {
	circles := []Circle{{1}, {3}, {2}}
	fmt.Println(Largest(circles), Largest([]Square{{2}, {5}}).Name())
	fmt.Printf("%.2f %.2f\n", TotalArea(circles...), TotalArea(Square{1}, Square{2}))
	shapes := []Shape{Circle{1}, Square{3}}
	fmt.Println(Largest(shapes).Name())
	fmt.Println(Longest([]Word{"go", "gopher", "fun"}))

	parse := func(s string) Result[int] {
		n, err := strconv.Atoi(s)
		if err != nil {
			return Err[int](err)
		}
		return Ok(n)
	}
	sqrt := func(n int) (float64, error) {
		if n < 0 {
			return 0, errNeg
		}
		return math.Sqrt(float64(n)), nil
	}
	for _, s := range []string{"16", "-4", "x"} {
		r := Try(parse(s), sqrt)
		_, err := r.Unwrap()
		fmt.Println(r, r.OrElse(-1), errors.Is(err, errNeg))
	}
	if v, ok := Find([]string{"a", "bb", "ccc"}, func(s string) bool { return len(s) > 1 }).Get(); ok {
		fmt.Println("found", v)
	}
	_, ok := Find([]int{1, 2}, func(n int) bool { return n > 5 }).Get()
	fmt.Println(ok)

	c := NewCache[string, []int](2)
	c.Put("a", []int{1})
	c.Put("b", []int{2})
	c.Put("a", []int{1, 1})
	c.Put("c", nil)
	_, hasA := c.Get("a")
	b, hasB := c.Get("b")
	fmt.Println(hasA, b, hasB, c.Keys(), strings.Join(c.Keys(), "+"))
}
