// Methods as values: bound method values, method expressions of value and
// pointer receivers, methods passed to higher-order funcs, interfaces
// holding funcs, and a command table dispatching to methods.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Counter struct {
	name string
	n    int
}

func (c *Counter) Inc()           { c.n++ }
func (c *Counter) Add(k int)      { c.n += k }
func (c Counter) Value() int      { return c.n }
func (c Counter) Label() string   { return fmt.Sprintf("%s=%d", c.name, c.n) }
func (c *Counter) Reset() Counter { old := *c; c.n = 0; return old }

type Op func(int, int) int

func (o Op) Apply(a, b int) int { return o(a, b) }

type Calc struct{ acc int }

func (c *Calc) Do(cmd string, arg int) error {
	table := map[string]func(int){
		"add": func(v int) { c.acc += v },
		"mul": func(v int) { c.acc *= v },
		"set": func(v int) { c.acc = v },
	}
	f, ok := table[cmd]
	if !ok {
		return fmt.Errorf("unknown command %q", cmd)
	}
	f(arg)
	return nil
}

type Greeter interface{ Greet(string) string }
type GreetFunc func(string) string

func (f GreetFunc) Greet(s string) string { return f(s) }

func applyAll(fs []func(), times int) {
	for range times {
		for _, f := range fs {
			f()
		}
	}
}

func main() {
	a := &Counter{name: "a"}
	b := &Counter{name: "b"}
	incA := a.Inc
	addB := b.Add
	applyAll([]func(){incA, a.Inc, func() { addB(10) }}, 3)
	fmt.Println(a.Label(), b.Label())

	value := Counter.Value
	label := (*Counter).Label
	inc := (*Counter).Inc
	inc(a)
	fmt.Println(value(*a), label(b))

	snap := a.Label
	a.Inc()
	fmt.Println(snap(), a.Label())
	valueOfA := (*a).Value
	a.Inc()
	fmt.Println(valueOfA(), a.Value())

	counters := []*Counter{{"z", 3}, {"x", 9}, {"y", 1}}
	sort.Slice(counters, func(i, j int) bool { return counters[i].Value() < counters[j].Value() })
	names := make([]string, len(counters))
	for i, c := range counters {
		names[i] = c.Label()
	}
	fmt.Println(strings.Join(names, " "))
	old := counters[2].Reset()
	fmt.Println(old.Label(), counters[2].Label())

	ops := map[string]Op{"+": func(a, b int) int { return a + b }, "-": func(a, b int) int { return a - b }}
	fmt.Println(ops["+"].Apply(2, 3), ops["-"].Apply(2, 3), Op.Apply(ops["+"], 1, 1))

	var c Calc
	for _, step := range []struct {
		cmd string
		arg int
	}{{"set", 2}, {"add", 3}, {"mul", 4}, {"pow", 2}} {
		if err := c.Do(step.cmd, step.arg); err != nil {
			fmt.Println("error:", err)
		}
	}
	fmt.Println(c.acc)

	var g Greeter = GreetFunc(func(s string) string { return "hi " + s })
	greet := g.Greet
	fmt.Println(greet("ann"), GreetFunc(strings.ToUpper).Greet("loud"))
	up := strings.ToUpper
	trim := strings.TrimSpace
	pipeline := []func(string) string{trim, up, func(s string) string { return s + "!" }}
	s := "  go  "
	for _, f := range pipeline {
		s = f(s)
	}
	fmt.Println(s)
	var nilFunc func()
	fmt.Println(nilFunc == nil, incA != nil)
}
