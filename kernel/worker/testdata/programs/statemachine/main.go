// A traffic-light state machine and a tokenizer on iota enums, with
// String methods, maps keyed by them, and switch without condition.
package main

import (
	"errors"
	"fmt"
	"strings"
)

type State uint8

const (
	Red State = iota
	Green
	Yellow
	numStates
)

var names = [...]string{Red: "red", Green: "green", Yellow: "yellow"}

func (s State) String() string {
	if s < numStates {
		return names[s]
	}
	return fmt.Sprintf("State(%d)", s)
}

type Event string

const (
	Timer     Event = "timer"
	Emergency Event = "emergency"
)

type transition struct {
	from State
	ev   Event
}

var table = map[transition]State{
	{Red, Timer}:       Green,
	{Green, Timer}:     Yellow,
	{Yellow, Timer}:    Red,
	{Green, Emergency}: Red,
}

var ErrNoTransition = errors.New("no transition")

func step(s State, e Event) (State, error) {
	if n, ok := table[transition{s, e}]; ok {
		return n, nil
	}
	return s, fmt.Errorf("%v on %s: %w", s, e, ErrNoTransition)
}

// cell

type Kind int

const (
	Ident Kind = iota + 1
	Number
	Op
)

func (k Kind) String() string {
	return map[Kind]string{Ident: "IDENT", Number: "NUM", Op: "OP"}[k]
}

type Token struct {
	Kind Kind
	Text string
}

func classify(w string) Kind {
	switch c := w[0]; {
	case c >= '0' && c <= '9':
		return Number
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		return Ident
	default:
		return Op
	}
}

func main() {
	s := Red
	visits := map[State]int{}
	for _, e := range []Event{Timer, Timer, Emergency, Timer, Emergency, Timer, Timer} {
		n, err := step(s, e)
		if err != nil {
			fmt.Println("error:", err, errors.Is(err, ErrNoTransition))
			continue
		}
		fmt.Printf("%-6v --%s--> %v\n", s, e, n)
		s = n
		visits[s]++
	}
	fmt.Println(visits)
	fmt.Println(State(7), numStates, []State{Yellow, Red})
	fmt.Printf("%d %x %s %v %q\n", Yellow, Yellow, Yellow, Yellow, Yellow)
	var toks []Token
	for _, w := range strings.Fields("x1 = 42 + y_2 * 7") {
		toks = append(toks, Token{classify(w), w})
	}
	fmt.Println(toks)
	fmt.Printf("%v|%+v\n", toks[0], toks[1])
	counts := map[Kind]int{}
	for _, t := range toks {
		counts[t.Kind]++
	}
	fmt.Println(counts, counts[Op])
}
