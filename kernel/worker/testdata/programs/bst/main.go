// A generic binary search tree with an iterator and ordered keys.
package main

import (
	"cmp"
	"fmt"
	"iter"
	"strings"
)

type Tree[K cmp.Ordered, V any] struct {
	root *node[K, V]
	size int
}

type node[K cmp.Ordered, V any] struct {
	key         K
	val         V
	left, right *node[K, V]
}

// cell

func (t *Tree[K, V]) Put(k K, v V) {
	p := &t.root
	for *p != nil {
		switch c := cmp.Compare(k, (*p).key); {
		case c < 0:
			p = &(*p).left
		case c > 0:
			p = &(*p).right
		default:
			(*p).val = v
			return
		}
	}
	*p = &node[K, V]{key: k, val: v}
	t.size++
}

func (t *Tree[K, V]) Get(k K) (V, bool) {
	n := t.root
	for n != nil {
		switch {
		case k < n.key:
			n = n.left
		case k > n.key:
			n = n.right
		default:
			return n.val, true
		}
	}
	var zero V
	return zero, false
}

func (t *Tree[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		var walk func(n *node[K, V]) bool
		walk = func(n *node[K, V]) bool {
			if n == nil {
				return true
			}
			return walk(n.left) && yield(n.key, n.val) && walk(n.right)
		}
		walk(t.root)
	}
}

func (t *Tree[K, V]) Height() int {
	var h func(n *node[K, V]) int
	h = func(n *node[K, V]) int {
		if n == nil {
			return 0
		}
		return 1 + max(h(n.left), h(n.right))
	}
	return h(t.root)
}

// cell

func Keys[K cmp.Ordered, V any](t *Tree[K, V]) []K {
	var ks []K
	for k := range t.All() {
		ks = append(ks, k)
	}
	return ks
}

func main() {
	var t Tree[string, int]
	for i, w := range strings.Fields("m f t b h p w a c") {
		t.Put(w, i)
	}
	t.Put("h", 100)
	for k, v := range t.All() {
		fmt.Print(k, "=", v, " ")
	}
	fmt.Println()
	fmt.Println(t.size, t.Height(), Keys(&t))
	v, ok := t.Get("h")
	_, ok2 := t.Get("zz")
	fmt.Println(v, ok, ok2)
	nums := &Tree[float64, []string]{}
	nums.Put(2.5, []string{"x"})
	nums.Put(-1, nil)
	for k, v := range nums.All() {
		if k > 0 {
			break
		}
		fmt.Println(k, v, v == nil)
	}
	fmt.Println(Keys(nums))
}
