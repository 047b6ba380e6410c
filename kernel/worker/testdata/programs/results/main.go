// Option and Result types: generic values with methods, funcs chaining
// them across type parameters, Stringers on instances, and errors kept.
package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

type Option[T any] struct {
	v  T
	ok bool
}

func Some[T any](v T) Option[T] { return Option[T]{v, true} }
func None[T any]() Option[T]    { return Option[T]{} }

func (o Option[T]) Get() (T, bool) { return o.v, o.ok }
func (o Option[T]) OrElse(d T) T {
	if o.ok {
		return o.v
	}
	return d
}
func (o Option[T]) String() string {
	if !o.ok {
		return "None"
	}
	return fmt.Sprintf("Some(%v)", o.v)
}

func MapOpt[T, U any](o Option[T], f func(T) U) Option[U] {
	if v, ok := o.Get(); ok {
		return Some(f(v))
	}
	return None[U]()
}

type Result[T any] struct {
	val T
	err error
}

func Ok[T any](v T) Result[T]         { return Result[T]{val: v} }
func Fail[T any](err error) Result[T] { return Result[T]{err: err} }

func (r Result[T]) Unwrap() (T, error) { return r.val, r.err }
func (r Result[T]) String() string {
	if r.err != nil {
		return "Err(" + r.err.Error() + ")"
	}
	return fmt.Sprintf("Ok(%v)", r.val)
}

func Then[T, U any](r Result[T], f func(T) Result[U]) Result[U] {
	if r.err != nil {
		return Fail[U](r.err)
	}
	return f(r.val)
}

func Try[T any](f func() (T, error)) Result[T] {
	v, err := f()
	if err != nil {
		return Fail[T](err)
	}
	return Ok(v)
}

func Collect[T any](rs []Result[T]) Result[[]T] {
	var out []T
	var errs []error
	for _, r := range rs {
		v, err := r.Unwrap()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, v)
	}
	if len(errs) > 0 {
		return Fail[[]T](errors.Join(errs...))
	}
	return Ok(out)
}

var ErrNegative = errors.New("negative")

func parse(s string) Result[int] {
	return Try(func() (int, error) { return strconv.Atoi(strings.TrimSpace(s)) })
}

func sqrtInt(n int) Result[int] {
	if n < 0 {
		return Fail[int](fmt.Errorf("sqrt of %d: %w", n, ErrNegative))
	}
	r := 0
	for (r+1)*(r+1) <= n {
		r++
	}
	return Ok(r)
}

func find(m map[string]int, k string) Option[int] {
	if v, ok := m[k]; ok {
		return Some(v)
	}
	return None[int]()
}

func main() {
	m := map[string]int{"a": 16, "b": -4}
	for _, k := range []string{"a", "b", "c"} {
		o := find(m, k)
		doubled := MapOpt(o, func(v int) string { return strconv.Itoa(v * 2) })
		fmt.Println(k, o, doubled, o.OrElse(-1), doubled.OrElse("none"))
	}
	for _, s := range []string{"81", " 10 ", "-9", "x"} {
		r := Then(parse(s), sqrtInt)
		v, err := r.Unwrap()
		fmt.Printf("%-6q %v %d %v\n", s, r, v, errors.Is(err, ErrNegative))
	}
	all := Collect([]Result[int]{Ok(1), parse("2"), sqrtInt(9)})
	fmt.Println(all)
	bad := Collect([]Result[int]{Ok(1), parse("z"), sqrtInt(-1)})
	_, err := bad.Unwrap()
	fmt.Println(strings.Count(err.Error(), "\n"), errors.Is(err, ErrNegative))
	nested := Some(Some("deep"))
	fmt.Println(nested, MapOpt(nested, func(o Option[string]) int { return len(o.OrElse("")) }))
	words := Ok(strings.Fields("go is fun"))
	fmt.Println(Then(words, func(ws []string) Result[int] { return Ok(len(ws)) }), None[float64]())
}
