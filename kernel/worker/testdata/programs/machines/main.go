// State machines: iota states with String, transitions in a map keyed by
// a struct, arrays as values and keys (copied, compared), struct
// equality, a switch on states, and histories in fixed arrays.
package main

import (
	"fmt"
	"sort"
	"strings"
)

// cell
type State uint8

const (
	Idle State = iota
	Running
	Paused
	Done
)

var stateNames = [...]string{"idle", "running", "paused", "done"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

type Event string

type key struct {
	from State
	ev   Event
}

// cell
type Machine struct {
	state   State
	trans   map[key]State
	history [4]State
	n       int
}

func NewMachine() *Machine {
	return &Machine{trans: map[key]State{
		{Idle, "start"}:    Running,
		{Running, "pause"}: Paused,
		{Paused, "resume"}: Running,
		{Running, "stop"}:  Done,
		{Paused, "stop"}:   Done,
	}}
}

func (m *Machine) Fire(ev Event) error {
	to, ok := m.trans[key{m.state, ev}]
	if !ok {
		return fmt.Errorf("no %q from %v", ev, m.state)
	}
	m.history[m.n%len(m.history)] = m.state
	m.n++
	m.state = to
	return nil
}

func (m Machine) Snapshot() [4]State { return m.history }

// cell
func main() {
	m := NewMachine()
	for _, ev := range strings.Fields("start pause bogus resume pause stop start") {
		if err := m.Fire(Event(ev)); err != nil {
			fmt.Println("error:", err)
		}
	}
	snap := m.Snapshot()
	snap[0] = Done
	fmt.Println(m.state, m.n, m.history, snap, snap == m.history)
	counts := map[[2]State]int{}
	h := m.history
	for i := 1; i < len(h); i++ {
		counts[[2]State{h[i-1], h[i]}]++
	}
	var pairs []string
	for k, v := range counts {
		pairs = append(pairs, fmt.Sprintf("%v->%v:%d", k[0], k[1], v))
	}
	sort.Strings(pairs)
	fmt.Println(pairs)
	a := key{Idle, "start"}
	b := key{Idle, "start"}
	fmt.Println(a == b, a != key{Running, "start"}, State(9), []State{Paused, Done})
	switch s := m.state; s {
	case Idle, Paused:
		fmt.Println("waiting", s)
	case Done:
		fmt.Println("finished", s)
	default:
		fmt.Println("other", s)
	}
	var keys []key
	for k := range m.trans {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].from != keys[j].from {
			return keys[i].from < keys[j].from
		}
		return keys[i].ev < keys[j].ev
	})
	fmt.Printf("%v %+v %d\n", keys[0], keys[len(keys)-1], len(keys))
	grid := [3][3]rune{}
	for i := range grid {
		for j := range grid[i] {
			grid[i][j] = '.'
		}
	}
	g2 := grid
	g2[1][1] = '#'
	fmt.Println(string(grid[1][:]), string(g2[1][:]), grid == g2)
}
