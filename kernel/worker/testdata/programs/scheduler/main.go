// A deterministic job scheduler: jobs with dependencies and durations on
// a simulated clock, a min-heap of events, critical path, and a Gantt.
package main

import (
	"container/heap"
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Job struct {
	Name string
	Dur  int
	Deps []string
}

type event struct {
	at  int
	job string
}

type events []event

func (e events) Len() int { return len(e) }
func (e events) Less(i, j int) bool {
	if e[i].at != e[j].at {
		return e[i].at < e[j].at
	}
	return e[i].job < e[j].job
}
func (e events) Swap(i, j int) { e[i], e[j] = e[j], e[i] }
func (e *events) Push(x any)   { *e = append(*e, x.(event)) }
func (e *events) Pop() any {
	old := *e
	x := old[len(old)-1]
	*e = old[:len(old)-1]
	return x
}

var ErrCycle = errors.New("dependency cycle")

func schedule(jobs []Job, workers int) (map[string][2]int, error) {
	byName := map[string]Job{}
	waiting := map[string]int{}
	users := map[string][]string{}
	for _, j := range jobs {
		byName[j.Name] = j
		waiting[j.Name] = len(j.Deps)
		for _, d := range j.Deps {
			users[d] = append(users[d], j.Name)
		}
	}
	var ready []string
	for _, j := range jobs {
		if waiting[j.Name] == 0 {
			ready = append(ready, j.Name)
		}
	}
	out := map[string][2]int{}
	var running events
	clock, free := 0, workers
	for len(ready) > 0 || running.Len() > 0 {
		sort.Strings(ready)
		for free > 0 && len(ready) > 0 {
			name := ready[0]
			ready = ready[1:]
			heap.Push(&running, event{clock + byName[name].Dur, name})
			out[name] = [2]int{clock, clock + byName[name].Dur}
			free--
		}
		ev := heap.Pop(&running).(event)
		clock = ev.at
		free++
		for _, u := range users[ev.job] {
			waiting[u]--
			if waiting[u] == 0 {
				ready = append(ready, u)
			}
		}
	}
	if len(out) != len(jobs) {
		return out, fmt.Errorf("%d of %d jobs never ran: %w", len(jobs)-len(out), len(jobs), ErrCycle)
	}
	return out, nil
}

func main() {
	jobs := []Job{
		{"fetch", 3, nil},
		{"lint", 1, nil},
		{"build", 4, []string{"fetch"}},
		{"test", 5, []string{"build"}},
		{"docs", 2, []string{"fetch"}},
		{"pack", 1, []string{"test", "docs", "lint"}},
	}
	for _, w := range []int{1, 2, 3} {
		sched, err := schedule(jobs, w)
		end := 0
		for _, se := range sched {
			end = max(end, se[1])
		}
		fmt.Println("workers", w, "makespan", end, err)
		if w == 2 {
			names := make([]string, 0, len(sched))
			for n := range sched {
				names = append(names, n)
			}
			sort.Slice(names, func(i, j int) bool {
				return sched[names[i]][0] < sched[names[j]][0] || sched[names[i]][0] == sched[names[j]][0] && names[i] < names[j]
			})
			for _, n := range names {
				se := sched[n]
				fmt.Printf("%-6s %s%s\n", n, strings.Repeat(" ", se[0]), strings.Repeat("=", se[1]-se[0]))
			}
		}
	}
	_, err := schedule([]Job{{"a", 1, []string{"b"}}, {"b", 1, []string{"a"}}, {"c", 2, nil}}, 2)
	fmt.Println(err, errors.Is(err, ErrCycle))
}
