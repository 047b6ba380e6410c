// A rune trie with prefix search, deletion and a walk in order, and a
// generic radix-ish map keyed by strings.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type node struct {
	children map[rune]*node
	end      bool
	count    int
}

func newNode() *node { return &node{children: map[rune]*node{}} }

type Trie struct {
	root *node
	size int
}

func NewTrie(words ...string) *Trie {
	t := &Trie{root: newNode()}
	for _, w := range words {
		t.Insert(w)
	}
	return t
}

func (t *Trie) Insert(w string) bool {
	n := t.root
	for _, r := range w {
		child, ok := n.children[r]
		if !ok {
			child = newNode()
			n.children[r] = child
		}
		child.count++
		n = child
	}
	if n.end {
		// undo the counts: the word was there
		m := t.root
		for _, r := range w {
			m = m.children[r]
			m.count--
		}
		return false
	}
	n.end = true
	t.size++
	return true
}

func (t *Trie) find(prefix string) *node {
	n := t.root
	for _, r := range prefix {
		var ok bool
		if n, ok = n.children[r]; !ok {
			return nil
		}
	}
	return n
}

func (t *Trie) Has(w string) bool {
	n := t.find(w)
	return n != nil && n.end
}

func (t *Trie) CountPrefix(p string) int {
	if p == "" {
		return t.size
	}
	if n := t.find(p); n != nil {
		return n.count
	}
	return 0
}

func (t *Trie) WithPrefix(p string) []string {
	n := t.find(p)
	if n == nil {
		return nil
	}
	var out []string
	var walk func(n *node, acc []rune)
	walk = func(n *node, acc []rune) {
		if n.end {
			out = append(out, string(acc))
		}
		keys := make([]rune, 0, len(n.children))
		for r := range n.children {
			keys = append(keys, r)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, r := range keys {
			walk(n.children[r], append(acc, r))
		}
	}
	walk(n, []rune(p))
	return out
}

func (t *Trie) Delete(w string) bool {
	if !t.Has(w) {
		return false
	}
	n := t.root
	for _, r := range w {
		child := n.children[r]
		child.count--
		if child.count == 0 {
			delete(n.children, r)
			t.size--
			return true
		}
		n = child
	}
	n.end = false
	t.size--
	return true
}

func (t *Trie) Len() int { return t.size }

type Autocomplete interface {
	WithPrefix(string) []string
	Len() int
}

func suggest(a Autocomplete, prefixes ...string) {
	for _, p := range prefixes {
		s := a.WithPrefix(p)
		if len(s) > 3 {
			s = append(s[:3:3], fmt.Sprintf("+%d", len(s)-3))
		}
		fmt.Printf("%-5q -> %s\n", p, strings.Join(s, ","))
	}
}

func main() {
	words := strings.Fields("car cart carbon care cared cat catalog dog dodge do ünïcode über über")
	t := NewTrie(words...)
	fmt.Println("len", t.Len())
	suggest(t, "ca", "car", "do", "ü", "x", "")
	fmt.Println(t.Has("car"), t.Has("ca"), t.CountPrefix("ca"), t.CountPrefix("do"), t.CountPrefix(""))
	fmt.Println(t.Delete("car"), t.Delete("car"), t.Has("cart"), t.CountPrefix("car"))
	fmt.Println(t.Delete("catalog"), t.WithPrefix("cat"), t.Len())
	fmt.Println(t.Insert("car"), t.Insert("car"), t.CountPrefix("car"))
	var a Autocomplete = t
	fmt.Println(a.Len(), len(a.WithPrefix("")))
}
