// Huffman coding: a priority queue of trees, codes from a walk, encoding
// to a bit string, decoding back, and the compression ratio.
package main

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
)

type Node struct {
	ch          rune
	freq        int
	left, right *Node
}

func (n *Node) leaf() bool { return n.left == nil && n.right == nil }

type Queue []*Node

func (q Queue) Len() int { return len(q) }
func (q Queue) Less(i, j int) bool {
	if q[i].freq != q[j].freq {
		return q[i].freq < q[j].freq
	}
	return q[i].min() < q[j].min()
}
func (q Queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *Queue) Push(x any)   { *q = append(*q, x.(*Node)) }
func (q *Queue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// min is the smallest rune below n, to break ties the same way each run.
func (n *Node) min() rune {
	if n.leaf() {
		return n.ch
	}
	return min(n.left.min(), n.right.min())
}

func build(text string) *Node {
	freq := map[rune]int{}
	for _, r := range text {
		freq[r]++
	}
	q := &Queue{}
	for r, f := range freq {
		*q = append(*q, &Node{ch: r, freq: f})
	}
	heap.Init(q)
	if q.Len() == 1 {
		only := heap.Pop(q).(*Node)
		return &Node{freq: only.freq, left: only}
	}
	for q.Len() > 1 {
		a := heap.Pop(q).(*Node)
		b := heap.Pop(q).(*Node)
		heap.Push(q, &Node{freq: a.freq + b.freq, left: a, right: b})
	}
	return heap.Pop(q).(*Node)
}

func codes(n *Node, prefix string, out map[rune]string) {
	if n == nil {
		return
	}
	if n.leaf() {
		if prefix == "" {
			prefix = "0"
		}
		out[n.ch] = prefix
		return
	}
	codes(n.left, prefix+"0", out)
	codes(n.right, prefix+"1", out)
}

func encode(text string, table map[rune]string) string {
	var b strings.Builder
	for _, r := range text {
		b.WriteString(table[r])
	}
	return b.String()
}

func decode(bits string, root *Node) (string, error) {
	var b strings.Builder
	n := root
	for i, c := range bits {
		switch c {
		case '0':
			n = n.left
		case '1':
			n = n.right
		default:
			return "", fmt.Errorf("bit %d: %q is not a bit", i, c)
		}
		if n == nil {
			return "", fmt.Errorf("bit %d: no such code", i)
		}
		if n.leaf() {
			b.WriteRune(n.ch)
			n = root
		}
	}
	if n != root {
		return b.String(), fmt.Errorf("trailing bits")
	}
	return b.String(), nil
}

func main() {
	for _, text := range []string{"abracadabra", "mississippi river", "aaaa", "hello, wörld"} {
		root := build(text)
		table := map[rune]string{}
		codes(root, "", table)
		keys := make([]rune, 0, len(table))
		for r := range table {
			keys = append(keys, r)
		}
		sort.Slice(keys, func(i, j int) bool {
			if len(table[keys[i]]) != len(table[keys[j]]) {
				return len(table[keys[i]]) < len(table[keys[j]])
			}
			return keys[i] < keys[j]
		})
		var parts []string
		for _, r := range keys {
			parts = append(parts, fmt.Sprintf("%q=%s", r, table[r]))
		}
		bits := encode(text, table)
		back, err := decode(bits, root)
		fmt.Printf("%s\n  %d bits vs %d (%.1f%%) round trip %v %v\n", strings.Join(parts, " "), len(bits), 8*len(text), 100*float64(len(bits))/float64(8*len(text)), back == text, err)
	}
	root := build("abc")
	_, err := decode("01x", root)
	fmt.Println(err)
	_, err = decode("1", root)
	fmt.Println(err)
}
