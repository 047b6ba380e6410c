// sort.Interface by embedding: Reverse, multi-key orders with a chain of
// less funcs, sort.Stable, and sorting a map's entries.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Employee struct {
	Name   string
	Dept   string
	Salary int
	Age    int
}

type lessFunc func(a, b *Employee) bool

type multiSorter struct {
	emps []Employee
	less []lessFunc
}

func (ms *multiSorter) Len() int      { return len(ms.emps) }
func (ms *multiSorter) Swap(i, j int) { ms.emps[i], ms.emps[j] = ms.emps[j], ms.emps[i] }
func (ms *multiSorter) Less(i, j int) bool {
	p, q := &ms.emps[i], &ms.emps[j]
	for _, less := range ms.less[:len(ms.less)-1] {
		switch {
		case less(p, q):
			return true
		case less(q, p):
			return false
		}
	}
	return ms.less[len(ms.less)-1](p, q)
}

func OrderedBy(less ...lessFunc) *multiSorter { return &multiSorter{less: less} }

func (ms *multiSorter) Sort(emps []Employee) {
	ms.emps = emps
	sort.Sort(ms)
}

type BySalary []Employee

func (s BySalary) Len() int           { return len(s) }
func (s BySalary) Less(i, j int) bool { return s[i].Salary < s[j].Salary }
func (s BySalary) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

type byLen struct{ sort.StringSlice }

func (b byLen) Less(i, j int) bool { return len(b.StringSlice[i]) < len(b.StringSlice[j]) }

func names(es []Employee) string {
	var ns []string
	for _, e := range es {
		ns = append(ns, e.Name)
	}
	return strings.Join(ns, ",")
}

func main() {
	emps := []Employee{
		{"ann", "eng", 120, 30},
		{"bob", "ops", 90, 45},
		{"cid", "eng", 120, 25},
		{"dee", "ops", 95, 45},
		{"eve", "eng", 100, 35},
	}
	dept := func(a, b *Employee) bool { return a.Dept < b.Dept }
	salaryDesc := func(a, b *Employee) bool { return a.Salary > b.Salary }
	age := func(a, b *Employee) bool { return a.Age < b.Age }
	OrderedBy(dept, salaryDesc, age).Sort(emps)
	fmt.Println(names(emps))
	sort.Sort(sort.Reverse(BySalary(emps)))
	fmt.Println(names(emps), sort.IsSorted(sort.Reverse(BySalary(emps))))
	sort.Stable(BySalary(emps))
	fmt.Println(names(emps))
	words := strings.Fields("banana kiwi fig cherry apple date")
	sort.Sort(byLen{words})
	fmt.Println(words)
	sort.Stable(sort.Reverse(byLen{words}))
	fmt.Println(words)
	counts := map[string]int{"x": 3, "y": 1, "z": 3, "w": 2}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range counts {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool {
		if kvs[i].v != kvs[j].v {
			return kvs[i].v > kvs[j].v
		}
		return kvs[i].k < kvs[j].k
	})
	fmt.Println(kvs)
	ints := sort.IntSlice{5, 2, 8, 1}
	ints.Sort()
	fmt.Println(ints, ints.Search(5), sort.Float64sAreSorted([]float64{1, 2, 2}))
}
