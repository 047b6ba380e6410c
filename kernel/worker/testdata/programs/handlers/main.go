// A command registry of func values: handlers in maps and slices,
// method values, closures over counters, middleware wrapping handlers,
// recover in a wrapper, and sorting by closures.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// cell
type Handler func(args []string) (string, error)

type Registry struct {
	handlers map[string]Handler
	order    []string
	calls    map[string]int
}

func NewRegistry() *Registry {
	return &Registry{handlers: map[string]Handler{}, calls: map[string]int{}}
}

func (r *Registry) Add(name string, h Handler) {
	if _, ok := r.handlers[name]; !ok {
		r.order = append(r.order, name)
	}
	r.handlers[name] = h
}

var ErrUnknown = errors.New("unknown command")

func (r *Registry) Run(line string) (string, error) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return "", nil
	}
	h, ok := r.handlers[f[0]]
	if !ok {
		return "", fmt.Errorf("%q: %w", f[0], ErrUnknown)
	}
	r.calls[f[0]]++
	return h(f[1:])
}

// cell
type Middleware func(Handler) Handler

func Chain(h Handler, ms ...Middleware) Handler {
	for i := len(ms) - 1; i >= 0; i-- {
		h = ms[i](h)
	}
	return h
}

func Recovering(h Handler) Handler {
	return func(args []string) (out string, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("handler panicked: %v", r)
			}
		}()
		return h(args)
	}
}

func Upper(h Handler) Handler {
	return func(args []string) (string, error) {
		s, err := h(args)
		return strings.ToUpper(s), err
	}
}

type Counter struct{ n int }

func (c *Counter) Incr(args []string) (string, error) {
	step := 1
	if len(args) > 0 {
		v, err := strconv.Atoi(args[0])
		if err != nil {
			return "", fmt.Errorf("incr: %w", err)
		}
		step = v
	}
	c.n += step
	return strconv.Itoa(c.n), nil
}

// cell
func main() {
	r := NewRegistry()
	c := &Counter{}
	r.Add("incr", c.Incr)
	r.Add("echo", func(args []string) (string, error) { return strings.Join(args, " "), nil })
	r.Add("shout", Chain(func(args []string) (string, error) { return strings.Join(args, "-"), nil }, Recovering, Upper))
	r.Add("boom", Recovering(func(args []string) (string, error) {
		var m map[string]int
		m[args[0]]++
		return "never", nil
	}))
	total := 0
	r.Add("sum", func(args []string) (string, error) {
		for _, a := range args {
			n, err := strconv.Atoi(a)
			if err != nil {
				return "", err
			}
			total += n
		}
		return fmt.Sprint(total), nil
	})
	for _, line := range []string{"incr", "incr 5", "echo a b", "shout hi there", "boom x", "nope", "incr x", "sum 1 2 3", "sum 4", ""} {
		out, err := r.Run(line)
		var ne *strconv.NumError
		fmt.Printf("%-14q -> %q err=%v unknown=%v num=%v\n", line, out, err, errors.Is(err, ErrUnknown), errors.As(err, &ne))
	}
	names := append([]string(nil), r.order...)
	sort.Slice(names, func(i, j int) bool {
		if r.calls[names[i]] != r.calls[names[j]] {
			return r.calls[names[i]] > r.calls[names[j]]
		}
		return names[i] < names[j]
	})
	fmt.Println(names, total, c.n)
	ops := map[string]func(int, int) int{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	keys := make([]string, 0, len(ops))
	for k := range ops {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Print(k, "=", ops[k](6, 7), " ")
	}
	fmt.Println()
	fs := []func() int{}
	for i := range 3 {
		fs = append(fs, func() int { return i * i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
