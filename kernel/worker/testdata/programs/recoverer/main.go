// Panics and recovery: runtime errors turned into errors, custom panic
// values, re-panics, and defers running in order, with named results.
package main

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
)

type ParseError struct {
	Input string
	Pos   int
}

func (e *ParseError) Error() string { return fmt.Sprintf("parse %q at %d", e.Input, e.Pos) }

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func index(xs []int, i int) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(error); ok {
				err = re
				return
			}
			panic(r)
		}
	}()
	return xs[i], nil
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(&ParseError{s, 0})
	}
	return n
}

func sumAll(ss []string) (total int, err error) {
	defer func() {
		if r := recover(); r != nil {
			var pe *ParseError
			if e, ok := r.(error); ok && errors.As(e, &pe) {
				err = fmt.Errorf("sumAll: %w", pe)
				total = -1
				return
			}
			panic(r)
		}
	}()
	for _, s := range ss {
		total += mustAtoi(s)
	}
	return total, nil
}

func order() (out []string) {
	for i := range 3 {
		defer func() { out = append(out, fmt.Sprint("defer", i)) }()
	}
	out = append(out, "body")
	return out
}

func counted() (n int) {
	defer func() { n *= 10 }()
	n = 4
	return n + 1
}

func main() {
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(1, 0))
	fmt.Println(index([]int{1, 2}, 1))
	_, err := index([]int{1, 2}, 5)
	// Go's message goes on with the index and the length, which the
	// interpreter does not tell.
	var re runtime.Error
	fmt.Println(strings.SplitN(err.Error(), " [", 2)[0], errors.As(err, &re))
	fmt.Println(sumAll([]string{"1", "2", "3"}))
	t, err := sumAll([]string{"1", "x"})
	var pe *ParseError
	fmt.Println(t, err, errors.As(err, &pe), pe.Input)
	fmt.Println(order(), counted())
	func() {
		defer func() {
			r := recover()
			fmt.Printf("%v %T\n", r, r)
		}()
		var m map[string]int
		m["x"] = 1
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		panic(fmt.Sprintf("custom %d", 42))
	}()
	func() {
		defer func() {
			r := recover()
			err, ok := r.(error)
			fmt.Println(ok, err)
		}()
		var p *ParseError
		_ = p.Input
	}()
}
