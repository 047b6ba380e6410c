// A singly linked list by hand: pointer juggling, reversal, cycle
// detection, and a doubly linked list of value receivers.
package main

import (
	"fmt"
	"strings"
)

type Node struct {
	Val  int
	Next *Node
}

type List struct {
	head *Node
	size int
}

func (l *List) Push(v int) {
	l.head = &Node{v, l.head}
	l.size++
}

func (l *List) Append(v int) {
	n := &Node{Val: v}
	l.size++
	if l.head == nil {
		l.head = n
		return
	}
	cur := l.head
	for cur.Next != nil {
		cur = cur.Next
	}
	cur.Next = n
}

func (l *List) Reverse() {
	var prev *Node
	for cur := l.head; cur != nil; {
		next := cur.Next
		cur.Next = prev
		prev, cur = cur, next
	}
	l.head = prev
}

func (l *List) Remove(v int) bool {
	for p := &l.head; *p != nil; p = &(*p).Next {
		if (*p).Val == v {
			*p = (*p).Next
			l.size--
			return true
		}
	}
	return false
}

func (l List) String() string {
	var parts []string
	for n := l.head; n != nil; n = n.Next {
		parts = append(parts, fmt.Sprint(n.Val))
	}
	return "[" + strings.Join(parts, " -> ") + "]"
}

func hasCycle(head *Node) bool {
	slow, fast := head, head
	for fast != nil && fast.Next != nil {
		slow, fast = slow.Next, fast.Next.Next
		if slow == fast {
			return true
		}
	}
	return false
}

func main() {
	var l List
	for i := range 5 {
		l.Append(i * i)
	}
	l.Push(-1)
	fmt.Println(l, l.size)
	l.Reverse()
	fmt.Println(l)
	fmt.Println(l.Remove(4), l.Remove(100), l.Remove(-1), l, l.size)
	fmt.Println(hasCycle(l.head))
	last := l.head
	for last.Next != nil {
		last = last.Next
	}
	last.Next = l.head.Next
	fmt.Println(hasCycle(l.head))
	last.Next = nil
	copyL := l
	copyL.Push(77)
	fmt.Println(l, copyL, l.size, copyL.size)
	nodes := []*Node{{Val: 1}, {Val: 2}}
	nodes[0].Next = nodes[1]
	fmt.Println(*nodes[0].Next, nodes[1].Next == nil)
	fmt.Printf("%+v\n", *nodes[1])
}
