// Observers and events: listeners as interfaces and funcs, unsubscribe by
// handle, typed events with a type switch, and ordering guarantees.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Event interface{ Name() string }

type Created struct{ ID int }
type Deleted struct {
	ID     int
	Reason string
}
type Renamed struct {
	ID       int
	Old, New string
}

func (Created) Name() string { return "created" }
func (Deleted) Name() string { return "deleted" }
func (Renamed) Name() string { return "renamed" }

type Listener interface{ On(e Event) }

type ListenerFunc func(Event)

func (f ListenerFunc) On(e Event) { f(e) }

type Bus struct {
	next      int
	listeners map[int]Listener
	order     []int
}

func (b *Bus) Subscribe(l Listener) (unsubscribe func()) {
	if b.listeners == nil {
		b.listeners = map[int]Listener{}
	}
	id := b.next
	b.next++
	b.listeners[id] = l
	b.order = append(b.order, id)
	return func() {
		delete(b.listeners, id)
		for i, o := range b.order {
			if o == id {
				b.order = append(b.order[:i], b.order[i+1:]...)
				break
			}
		}
	}
}

func (b *Bus) Emit(e Event) int {
	n := 0
	for _, id := range b.order {
		b.listeners[id].On(e)
		n++
	}
	return n
}

type Audit struct{ lines []string }

func (a *Audit) On(e Event) {
	switch ev := e.(type) {
	case Created:
		a.lines = append(a.lines, fmt.Sprintf("+%d", ev.ID))
	case Deleted:
		a.lines = append(a.lines, fmt.Sprintf("-%d(%s)", ev.ID, ev.Reason))
	case Renamed:
		a.lines = append(a.lines, fmt.Sprintf("%d:%s->%s", ev.ID, ev.Old, ev.New))
	default:
		a.lines = append(a.lines, "?"+e.Name())
	}
}

func main() {
	var bus Bus
	audit := &Audit{}
	counts := map[string]int{}
	stop := bus.Subscribe(ListenerFunc(func(e Event) { counts[e.Name()]++ }))
	bus.Subscribe(audit)
	var names []string
	bus.Subscribe(ListenerFunc(func(e Event) { names = append(names, e.Name()) }))
	fmt.Println(bus.Emit(Created{1}), bus.Emit(Renamed{1, "a", "b"}))
	stop()
	fmt.Println(bus.Emit(Deleted{1, "spam"}), bus.Emit(Created{2}))
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(keys, counts)
	fmt.Println(strings.Join(audit.lines, " "), names)
	var l Listener = ListenerFunc(func(e Event) {})
	_, isFunc := l.(ListenerFunc)
	_, isAudit := l.(*Audit)
	fmt.Println(isFunc, isAudit)
}
