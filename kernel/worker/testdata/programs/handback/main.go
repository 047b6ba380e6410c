// Values of the program's types stored in the standard library's
// containers (sync.Map, atomic.Value, context values, container/list and
// ring, sort.Interface), then taken back and asserted to interfaces.
package main

import (
	"container/list"
	"container/ring"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }
func (r Rect) Name() string  { return "rect" }

type Circle struct{ R float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }

type Named struct {
	Label string
	Rect
}

func (n Named) Name() string   { return n.Label }
func (n Named) String() string { return "<" + n.Label + ">" }

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

type ctxKey struct{ name string }

type Config struct {
	Verbose bool
	Level   int
}

type byArea []Shape

func (b byArea) Len() int           { return len(b) }
func (b byArea) Less(i, j int) bool { return b[i].Area() < b[j].Area() }
func (b byArea) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func describe(v any) string {
	var parts []string
	if s, ok := v.(Shape); ok {
		parts = append(parts, fmt.Sprintf("shape %s %.0f", s.Name(), s.Area()))
	}
	if s, ok := v.(fmt.Stringer); ok {
		parts = append(parts, "stringer "+s.String())
	}
	if e, ok := v.(error); ok {
		parts = append(parts, "error "+e.Error())
	}
	switch x := v.(type) {
	case Rect:
		parts = append(parts, fmt.Sprint("Rect ", x.W))
	case *Circle:
		parts = append(parts, fmt.Sprint("*Circle ", x.R))
	case Named:
		parts = append(parts, "Named "+x.Label)
	case NotFound:
		parts = append(parts, "NotFound "+x.Key)
	}
	if len(parts) == 0 {
		return fmt.Sprintf("other %v", v)
	}
	return strings.Join(parts, "; ")
}

func main() {
	values := []any{Rect{2, 3}, &Circle{1}, Named{"box", Rect{1, 1}}, NotFound{"k"}, 42}

	var m sync.Map
	for i, v := range values {
		m.Store(i, v)
	}
	for i := range values {
		v, _ := m.Load(i)
		fmt.Println("sync.Map:", describe(v))
	}

	var av atomic.Value
	av.Store(Config{Verbose: true, Level: 3})
	cfg := av.Load().(Config)
	fmt.Printf("atomic: %+v\n", cfg)

	ctx := context.WithValue(context.Background(), ctxKey{"shape"}, Shape(Rect{4, 5}))
	ctx = context.WithValue(ctx, ctxKey{"cfg"}, &cfg)
	if s, ok := ctx.Value(ctxKey{"shape"}).(Shape); ok {
		fmt.Println("context shape:", s.Name(), s.Area())
	}
	if c, ok := ctx.Value(ctxKey{"cfg"}).(*Config); ok {
		c.Level++
	}
	fmt.Println("context missing:", ctx.Value(ctxKey{"nope"}) == nil, cfg.Level)

	l := list.New()
	for _, v := range values[:4] {
		l.PushFront(v)
	}
	for e := l.Front(); e != nil; e = e.Next() {
		fmt.Println("list:", describe(e.Value))
	}

	r := ring.New(3)
	for _, v := range values[:3] {
		r.Value = v
		r = r.Next()
	}
	total := 0.0
	r.Do(func(v any) {
		if s, ok := v.(Shape); ok {
			total += s.Area()
		}
	})
	fmt.Println("ring total:", total)

	shapes := byArea{Rect{3, 3}, &Circle{2}, Named{"tiny", Rect{1, 0.5}}, Rect{1, 2}}
	sort.Sort(shapes)
	for _, s := range shapes {
		fmt.Printf("%s=%.1f ", s.Name(), s.Area())
	}
	fmt.Println()
	sort.Sort(sort.Reverse(shapes))
	fmt.Println("largest:", shapes[0].Name())

	var err error = NotFound{"x"}
	wrapped := fmt.Errorf("lookup: %w", err)
	joined := errors.Join(wrapped, errors.New("other"))
	var nf NotFound
	fmt.Println(errors.As(joined, &nf), nf.Key, errors.Is(joined, NotFound{"x"}))

	ch := make(chan any, 4)
	for _, v := range values[:4] {
		ch <- v
	}
	close(ch)
	n := 0
	for v := range ch {
		if _, ok := v.(Shape); ok {
			n++
		}
	}
	fmt.Println("shapes through a channel:", n)
}
