// Run-time panics and recover: what each kind says, re-panicking from a
// deferred call, recover through a helper, errors out of panics, and
// deferred calls' order and arguments.
package main

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			fmt.Printf("%-12s ok\n", name)
			return
		}
		_, isRt := r.(runtime.Error)
		msg := fmt.Sprint(r)
		if i := strings.Index(msg, " ["); i >= 0 {
			msg = msg[:i] // yaegi does not tell the index and length
		}
		fmt.Printf("%-12s %v: %s\n", name, isRt, msg)
	}()
	f()
}

type Stack struct{ items []int }

func (s *Stack) Pop() int {
	if len(s.items) == 0 {
		panic(errors.New("pop of empty stack"))
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v
}

func safePop(s *Stack) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = fmt.Errorf("safePop: %w", e)
				return
			}
			panic(r)
		}
	}()
	return s.Pop(), nil
}

func deferOrder() (s string) {
	for i := 0; i < 3; i++ {
		defer func(n int) { s += fmt.Sprint(n) }(i)
	}
	x := "a"
	defer fmt.Print("deferred arg: ", x, "\n")
	x = "b"
	return "r"
}

func helperRecover() any { return recover() }

func indirect() (got any) {
	defer func() {
		got = helperRecover()
		recover()
	}()
	panic("x")
}

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

func main() {
	var m map[string]int
	var p *Stack
	var arr []int
	var iface any = "str"
	ch := make(chan int)
	close(ch)
	zero := 0
	try("nil map", func() { m["a"] = 1 })
	try("nil read", func() { _ = m["a"] })
	try("nil ptr", func() { _ = p.items })
	try("index", func() { _ = arr[3] })
	try("slice", func() { s := []int{1, 2}; lo := 3; _ = s[lo:] })
	try("divide", func() { _ = 10 / zero })
	try("assert", func() { _ = iface.(int) })
	try("closed", func() { ch <- 1 })
	try("custom", func() { panic(fmt.Sprintf("bad %d", 42)) })
	try("error", func() { panic(&MyErr{7}) })
	try("nothing", func() {})

	s := &Stack{items: []int{1}}
	fmt.Println(safePop(s))
	v, err := safePop(s)
	fmt.Println(v, err, errors.Unwrap(err) != nil)
	try("repanic", func() {
		defer func() {
			r := recover()
			panic(fmt.Sprint("again: ", r))
		}()
		panic("once")
	})
	fmt.Println(deferOrder())
	fmt.Println(indirect())
	func() {
		defer func() {
			r := recover()
			var me *MyErr
			if e, ok := r.(error); ok && errors.As(e, &me) {
				fmt.Println("recovered code", me.Code)
			}
		}()
		panic(fmt.Errorf("wrapped: %w", &MyErr{9}))
	}()
	fmt.Println("end")
}
