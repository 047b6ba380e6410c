// Priority queues with container/heap (an indexed heap whose items can
// change priority, a generic heap over a less func), container/list as an
// ordered set of recent items and container/ring as a round-robin.
package main

import (
	"container/heap"
	"container/list"
	"container/ring"
	"fmt"
	"strings"
)

type Item struct {
	value    string
	priority int
	index    int
}

type PriorityQueue []*Item

func (pq PriorityQueue) Len() int { return len(pq) }

func (pq PriorityQueue) Less(i, j int) bool { return pq[i].priority > pq[j].priority }

func (pq PriorityQueue) Swap(i, j int) {
	pq[i], pq[j] = pq[j], pq[i]
	pq[i].index = i
	pq[j].index = j
}

func (pq *PriorityQueue) Push(x any) {
	item := x.(*Item)
	item.index = len(*pq)
	*pq = append(*pq, item)
}

func (pq *PriorityQueue) Pop() any {
	old := *pq
	n := len(old)
	item := old[n-1]
	old[n-1] = nil
	item.index = -1
	*pq = old[:n-1]
	return item
}

func (pq *PriorityQueue) update(item *Item, value string, priority int) {
	item.value = value
	item.priority = priority
	heap.Fix(pq, item.index)
}

// Heap is a generic min-heap ordered by less.
type Heap[T any] struct {
	data []T
	less func(a, b T) bool
}

func NewHeap[T any](less func(a, b T) bool) *Heap[T] { return &Heap[T]{less: less} }

func (h *Heap[T]) Len() int { return len(h.data) }

func (h *Heap[T]) Push(v T) {
	h.data = append(h.data, v)
	i := len(h.data) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(h.data[i], h.data[p]) {
			break
		}
		h.data[i], h.data[p] = h.data[p], h.data[i]
		i = p
	}
}

func (h *Heap[T]) Pop() (T, bool) {
	var zero T
	if len(h.data) == 0 {
		return zero, false
	}
	top := h.data[0]
	last := len(h.data) - 1
	h.data[0] = h.data[last]
	h.data = h.data[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.data) && h.less(h.data[l], h.data[m]) {
			m = l
		}
		if r < len(h.data) && h.less(h.data[r], h.data[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.data[i], h.data[m] = h.data[m], h.data[i]
		i = m
	}
	return top, true
}

type Task struct {
	Name string
	Due  int
}

type IntHeap []int

func (h IntHeap) Len() int           { return len(h) }
func (h IntHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h IntHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *IntHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *IntHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1]
	return x
}

// kSmallest keeps a max-heap of size k through negation.
func kSmallest(xs []int, k int) []int {
	h := &IntHeap{}
	for _, x := range xs {
		heap.Push(h, -x)
		if h.Len() > k {
			heap.Pop(h)
		}
	}
	out := make([]int, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = -heap.Pop(h).(int)
	}
	return out
}

type Recent struct {
	max   int
	order *list.List
	pos   map[string]*list.Element
}

func NewRecent(max int) *Recent {
	return &Recent{max: max, order: list.New(), pos: map[string]*list.Element{}}
}

func (r *Recent) Touch(s string) {
	if e, ok := r.pos[s]; ok {
		r.order.MoveToFront(e)
		return
	}
	r.pos[s] = r.order.PushFront(s)
	if r.order.Len() > r.max {
		last := r.order.Back()
		r.order.Remove(last)
		delete(r.pos, last.Value.(string))
	}
}

func (r *Recent) String() string {
	var parts []string
	for e := r.order.Front(); e != nil; e = e.Next() {
		parts = append(parts, e.Value.(string))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func main() {
	items := map[string]int{"banana": 3, "apple": 2, "pear": 4}
	pq := make(PriorityQueue, 0)
	heap.Init(&pq)
	for _, name := range []string{"banana", "apple", "pear"} {
		heap.Push(&pq, &Item{value: name, priority: items[name]})
	}
	orange := &Item{value: "orange", priority: 1}
	heap.Push(&pq, orange)
	pq.update(orange, "orange", 5)
	for pq.Len() > 0 {
		item := heap.Pop(&pq).(*Item)
		fmt.Printf("%.2d:%s ", item.priority, item.value)
	}
	fmt.Println()

	h := NewHeap(func(a, b Task) bool { return a.Due < b.Due })
	for _, t := range []Task{{"write", 5}, {"test", 2}, {"ship", 9}, {"plan", 1}} {
		h.Push(t)
	}
	for h.Len() > 0 {
		t, _ := h.Pop()
		fmt.Print(t.Name, "@", t.Due, " ")
	}
	_, ok := h.Pop()
	fmt.Println(ok)

	fmt.Println(kSmallest([]int{9, 4, 7, 1, 8, 2, 6}, 3))

	ih := &IntHeap{5, 2, 8}
	heap.Init(ih)
	heap.Push(ih, 3)
	fmt.Printf("min %d len %d\n", (*ih)[0], ih.Len())

	r := NewRecent(3)
	for _, s := range strings.Fields("a b c a d b e") {
		r.Touch(s)
	}
	fmt.Println(r, len(r.pos))

	rg := ring.New(4)
	for i := 0; i < rg.Len(); i++ {
		rg.Value = fmt.Sprintf("w%d", i)
		rg = rg.Next()
	}
	var turns []string
	for i := 0; i < 6; i++ {
		turns = append(turns, rg.Value.(string))
		rg = rg.Next()
	}
	fmt.Println(strings.Join(turns, ","))
	sum := 0
	rg.Do(func(v any) { sum += len(v.(string)) })
	fmt.Println("ring chars", sum)
}
