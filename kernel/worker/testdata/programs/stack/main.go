// A generic stack and queue, and an RPN calculator with them.
package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, errors.New("empty stack")
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}
func (s *Stack[T]) Len() int { return len(s.items) }
func (s Stack[T]) Peek() T   { return s.items[len(s.items)-1] }

// cell

type Queue[T any] struct {
	head, tail []T
}

func (q *Queue[T]) Enqueue(v T) { q.tail = append(q.tail, v) }
func (q *Queue[T]) Dequeue() (T, bool) {
	if len(q.head) == 0 {
		for len(q.tail) > 0 {
			n := len(q.tail) - 1
			q.head = append(q.head, q.tail[n])
			q.tail = q.tail[:n]
		}
	}
	if len(q.head) == 0 {
		var zero T
		return zero, false
	}
	n := len(q.head) - 1
	v := q.head[n]
	q.head = q.head[:n]
	return v, true
}

// cell

func rpn(expr string) (float64, error) {
	var st Stack[float64]
	for _, tok := range strings.Fields(expr) {
		switch tok {
		case "+", "-", "*", "/":
			b, err := st.Pop()
			if err != nil {
				return 0, fmt.Errorf("%q: %w", tok, err)
			}
			a, err := st.Pop()
			if err != nil {
				return 0, fmt.Errorf("%q: %w", tok, err)
			}
			switch tok {
			case "+":
				st.Push(a + b)
			case "-":
				st.Push(a - b)
			case "*":
				st.Push(a * b)
			case "/":
				st.Push(a / b)
			}
		default:
			f, err := strconv.ParseFloat(tok, 64)
			if err != nil {
				return 0, err
			}
			st.Push(f)
		}
	}
	if st.Len() != 1 {
		return 0, fmt.Errorf("%d values left", st.Len())
	}
	return st.Peek(), nil
}

func main() {
	for _, e := range []string{"3 4 + 2 *", "5 1 2 + 4 * + 3 -", "1 +", "2 x", "1 2"} {
		v, err := rpn(e)
		fmt.Printf("%-20q %v %v\n", e, v, err)
	}
	var q Queue[string]
	for _, s := range []string{"a", "b", "c"} {
		q.Enqueue(s)
	}
	x, _ := q.Dequeue()
	q.Enqueue("d")
	var rest []string
	for {
		v, ok := q.Dequeue()
		if !ok {
			break
		}
		rest = append(rest, v)
	}
	fmt.Println(x, rest)
	ss := Stack[[]int]{}
	ss.Push([]int{1})
	ss.Push(nil)
	top, _ := ss.Pop()
	fmt.Println(top == nil, ss.Len(), ss.Peek())
}
