// Struct embedding and method sets: overriding, promoted pointer methods,
// embedded interfaces, interface satisfaction, and shadowed fields.
package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

type Animal interface {
	Name() string
	Sound() string
}

type Base struct {
	name string
	legs int
}

func (b Base) Name() string  { return b.name }
func (b Base) Sound() string { return "..." }
func (b Base) Describe() string {
	return fmt.Sprintf("%s has %d legs and says %s", b.name, b.legs, b.Sound())
}
func (b *Base) Rename(n string) { b.name = n }

type Dog struct {
	Base
	breed string
}

func (d Dog) Sound() string { return "woof" }

type Bird struct {
	*Base
	canFly bool
}

func (b Bird) Sound() string {
	if b.canFly {
		return "tweet"
	}
	return "squawk"
}

type Counter struct {
	io.Writer
	n int
}

func (c *Counter) Write(p []byte) (int, error) {
	c.n += len(p)
	return c.Writer.Write(p)
}

type Logger struct {
	prefix string
	lines  []string
}

func (l *Logger) Log(s string) { l.lines = append(l.lines, l.prefix+s) }

type Service struct {
	*Logger
	Name string
}

var _ Animal = Dog{}
var _ Animal = (*Bird)(nil)

// cell

type ByName []Animal

func (a ByName) Len() int           { return len(a) }
func (a ByName) Less(i, j int) bool { return a[i].Name() < a[j].Name() }
func (a ByName) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }

func main() {
	d := Dog{Base{"rex", 4}, "lab"}
	b := Bird{&Base{"tweety", 2}, true}
	p := Bird{&Base{"polly", 2}, false}
	fmt.Println(d.Name(), d.Sound(), d.Base.Sound(), d.Describe())
	fmt.Println(b.Name(), b.Sound(), p.Sound(), b.Describe())
	d.Rename("max")
	b.Rename("tweetie")
	fmt.Println(d.name, b.name, d.legs)
	animals := ByName{d, b, p, Dog{Base{"ace", 3}, "mutt"}}
	sort.Sort(animals)
	for _, a := range animals {
		switch v := a.(type) {
		case Dog:
			fmt.Println("dog", v.Name(), v.breed, v.Sound())
		case Bird:
			fmt.Println("bird", v.Name(), v.canFly, v.Sound())
		}
	}
	var sb strings.Builder
	c := &Counter{Writer: &sb}
	fmt.Fprintf(c, "hello %s", "world")
	io.WriteString(c, "!")
	fmt.Println(sb.String(), c.n)
	s := Service{&Logger{prefix: "[svc] "}, "api"}
	s.Log("start")
	s.Logger.Log("stop")
	fmt.Println(s.lines, len(s.lines), s.prefix)
	var a Animal = d
	_, isDog := a.(Dog)
	_, isBird := a.(Bird)
	fmt.Println(isDog, isBird)
	type describer interface{ Describe() string }
	if ds, ok := a.(describer); ok {
		fmt.Println(ds.Describe())
	}
}
