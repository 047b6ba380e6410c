// Values assigned, defined, declared, returned and passed two at a time,
// of every kind of expression: constants, variables, elements, calls of
// funcs, methods, closures and builtins, conversions, receives.
package main

import (
	"fmt"
	"strings"
)

type P struct {
	S string
	N int
}

// cell
type O struct {
	s string
	n int
}

func (o O) S() string { return o.s }
func (o O) N() int    { return o.n }

var (
	sv  = "sv"
	ss  = []string{"s0", "s1"}
	bs  = []byte("bs")
	iv  = 4
	is  = []int{10, 11, 12}
	fl  = 2.9
	o   = O{"os", 9}
	po  = &O{"ps", 8}
	sm  = map[string]string{"k": "mv"}
	im  = map[string]int{"k": 42}
	sch = make(chan string, 5000)
	ich = make(chan int, 5000)
	sc  = func() string { return "sc" }
	ic  = func() int { return 3 }
)

var _ = strings.ToUpper

// cell
func sf() string                 { return "sf" }
func inf() int                   { return 5 }
func two(s string, n int) string { return fmt.Sprint(s, ":", n) }

func fill() {
	for i := 0; i < 5000; i++ {
		sch <- "ch"
		ich <- 6
	}
}

// cell
func r1() (string, int)         { return "lit", 7 }
func q1() (int, string, error)  { return 7, "lit", nil }
func r2() (string, int)         { return sv, iv }
func q2() (int, string, error)  { return iv, sv, nil }
func r3() (string, int)         { return ss[0], is[1] }
func q3() (int, string, error)  { return is[1], ss[0], nil }
func r4() (string, int)         { return sf(), inf() }
func q4() (int, string, error)  { return inf(), sf(), nil }
func r5() (string, int)         { return strings.ToUpper(sv), len(ss) }
func q5() (int, string, error)  { return len(ss), strings.ToUpper(sv), nil }
func r6() (string, int)         { return string(bs), cap(is) }
func q6() (int, string, error)  { return cap(is), string(bs), nil }
func r7() (string, int)         { return sv + "x", int(fl) }
func q7() (int, string, error)  { return int(fl), sv + "x", nil }
func r8() (string, int)         { return o.S(), iv + 1 }
func q8() (int, string, error)  { return iv + 1, o.S(), nil }
func r9() (string, int)         { return sc(), o.N() }
func q9() (int, string, error)  { return o.N(), sc(), nil }
func r10() (string, int)        { return <-sch, ic() }
func q10() (int, string, error) { return ic(), <-sch, nil }
func r11() (string, int)        { return sm["k"], <-ich }
func q11() (int, string, error) { return <-ich, sm["k"], nil }
func r12() (string, int)        { return po.S(), im["k"] }
func q12() (int, string, error) { return im["k"], po.S(), nil }
func r13() (string, int)        { return "lit", min(iv, 3) }
func q13() (int, string, error) { return min(iv, 3), "lit", nil }
func r14() (string, int)        { return sv, append(is, 5)[2] }
func q14() (int, string, error) { return append(is, 5)[2], sv, nil }

func main() {
	fill()
	x1, y1 := r1()
	fmt.Println("r1", x1, y1)
	q1a, q1b, _ := q1()
	fmt.Println("q1", q1a, q1b)
	d1s, d1i := "lit", 7
	fmt.Println("d1", d1s, d1i)
	var e1s string
	var e1i int
	e1i, e1s = 7, "lit"
	fmt.Println("e1", e1s, e1i)
	var v1s, v1i = "lit", 7
	fmt.Println("v1", v1s, v1i)
	p1 := P{}
	p1.S, p1.N = "lit", 7
	fmt.Println("p1", p1, two("lit", 7), P{"lit", 7}, []any{7, "lit"})
	x2, y2 := r2()
	fmt.Println("r2", x2, y2)
	q2a, q2b, _ := q2()
	fmt.Println("q2", q2a, q2b)
	d2s, d2i := sv, iv
	fmt.Println("d2", d2s, d2i)
	var e2s string
	var e2i int
	e2i, e2s = iv, sv
	fmt.Println("e2", e2s, e2i)
	var v2s, v2i = sv, iv
	fmt.Println("v2", v2s, v2i)
	p2 := P{}
	p2.S, p2.N = sv, iv
	fmt.Println("p2", p2, two(sv, iv), P{sv, iv}, []any{iv, sv})
	x3, y3 := r3()
	fmt.Println("r3", x3, y3)
	q3a, q3b, _ := q3()
	fmt.Println("q3", q3a, q3b)
	d3s, d3i := ss[0], is[1]
	fmt.Println("d3", d3s, d3i)
	var e3s string
	var e3i int
	e3i, e3s = is[1], ss[0]
	fmt.Println("e3", e3s, e3i)
	var v3s, v3i = ss[0], is[1]
	fmt.Println("v3", v3s, v3i)
	p3 := P{}
	p3.S, p3.N = ss[0], is[1]
	fmt.Println("p3", p3, two(ss[0], is[1]), P{ss[0], is[1]}, []any{is[1], ss[0]})
	x4, y4 := r4()
	fmt.Println("r4", x4, y4)
	q4a, q4b, _ := q4()
	fmt.Println("q4", q4a, q4b)
	d4s, d4i := sf(), inf()
	fmt.Println("d4", d4s, d4i)
	var e4s string
	var e4i int
	e4i, e4s = inf(), sf()
	fmt.Println("e4", e4s, e4i)
	var v4s, v4i = sf(), inf()
	fmt.Println("v4", v4s, v4i)
	p4 := P{}
	p4.S, p4.N = sf(), inf()
	fmt.Println("p4", p4, two(sf(), inf()), P{sf(), inf()}, []any{inf(), sf()})
	x5, y5 := r5()
	fmt.Println("r5", x5, y5)
	q5a, q5b, _ := q5()
	fmt.Println("q5", q5a, q5b)
	d5s, d5i := strings.ToUpper(sv), len(ss)
	fmt.Println("d5", d5s, d5i)
	var e5s string
	var e5i int
	e5i, e5s = len(ss), strings.ToUpper(sv)
	fmt.Println("e5", e5s, e5i)
	var v5s, v5i = strings.ToUpper(sv), len(ss)
	fmt.Println("v5", v5s, v5i)
	p5 := P{}
	p5.S, p5.N = strings.ToUpper(sv), len(ss)
	fmt.Println("p5", p5, two(strings.ToUpper(sv), len(ss)), P{strings.ToUpper(sv), len(ss)}, []any{len(ss), strings.ToUpper(sv)})
	x6, y6 := r6()
	fmt.Println("r6", x6, y6)
	q6a, q6b, _ := q6()
	fmt.Println("q6", q6a, q6b)
	d6s, d6i := string(bs), cap(is)
	fmt.Println("d6", d6s, d6i)
	var e6s string
	var e6i int
	e6i, e6s = cap(is), string(bs)
	fmt.Println("e6", e6s, e6i)
	var v6s, v6i = string(bs), cap(is)
	fmt.Println("v6", v6s, v6i)
	p6 := P{}
	p6.S, p6.N = string(bs), cap(is)
	fmt.Println("p6", p6, two(string(bs), cap(is)), P{string(bs), cap(is)}, []any{cap(is), string(bs)})
	x7, y7 := r7()
	fmt.Println("r7", x7, y7)
	q7a, q7b, _ := q7()
	fmt.Println("q7", q7a, q7b)
	d7s, d7i := sv+"x", int(fl)
	fmt.Println("d7", d7s, d7i)
	var e7s string
	var e7i int
	e7i, e7s = int(fl), sv+"x"
	fmt.Println("e7", e7s, e7i)
	var v7s, v7i = sv + "x", int(fl)
	fmt.Println("v7", v7s, v7i)
	p7 := P{}
	p7.S, p7.N = sv+"x", int(fl)
	fmt.Println("p7", p7, two(sv+"x", int(fl)), P{sv + "x", int(fl)}, []any{int(fl), sv + "x"})
	x8, y8 := r8()
	fmt.Println("r8", x8, y8)
	q8a, q8b, _ := q8()
	fmt.Println("q8", q8a, q8b)
	d8s, d8i := o.S(), iv+1
	fmt.Println("d8", d8s, d8i)
	var e8s string
	var e8i int
	e8i, e8s = iv+1, o.S()
	fmt.Println("e8", e8s, e8i)
	var v8s, v8i = o.S(), iv + 1
	fmt.Println("v8", v8s, v8i)
	p8 := P{}
	p8.S, p8.N = o.S(), iv+1
	fmt.Println("p8", p8, two(o.S(), iv+1), P{o.S(), iv + 1}, []any{iv + 1, o.S()})
	x9, y9 := r9()
	fmt.Println("r9", x9, y9)
	q9a, q9b, _ := q9()
	fmt.Println("q9", q9a, q9b)
	d9s, d9i := sc(), o.N()
	fmt.Println("d9", d9s, d9i)
	var e9s string
	var e9i int
	e9i, e9s = o.N(), sc()
	fmt.Println("e9", e9s, e9i)
	var v9s, v9i = sc(), o.N()
	fmt.Println("v9", v9s, v9i)
	p9 := P{}
	p9.S, p9.N = sc(), o.N()
	fmt.Println("p9", p9, two(sc(), o.N()), P{sc(), o.N()}, []any{o.N(), sc()})
	x10, y10 := r10()
	fmt.Println("r10", x10, y10)
	q10a, q10b, _ := q10()
	fmt.Println("q10", q10a, q10b)
	d10s, d10i := <-sch, ic()
	fmt.Println("d10", d10s, d10i)
	var e10s string
	var e10i int
	e10i, e10s = ic(), <-sch
	fmt.Println("e10", e10s, e10i)
	var v10s, v10i = <-sch, ic()
	fmt.Println("v10", v10s, v10i)
	p10 := P{}
	p10.S, p10.N = <-sch, ic()
	fmt.Println("p10", p10, two(<-sch, ic()), P{<-sch, ic()}, []any{ic(), <-sch})
	x11, y11 := r11()
	fmt.Println("r11", x11, y11)
	q11a, q11b, _ := q11()
	fmt.Println("q11", q11a, q11b)
	d11s, d11i := sm["k"], <-ich
	fmt.Println("d11", d11s, d11i)
	var e11s string
	var e11i int
	e11i, e11s = <-ich, sm["k"]
	fmt.Println("e11", e11s, e11i)
	var v11s, v11i = sm["k"], <-ich
	fmt.Println("v11", v11s, v11i)
	p11 := P{}
	p11.S, p11.N = sm["k"], <-ich
	fmt.Println("p11", p11, two(sm["k"], <-ich), P{sm["k"], <-ich}, []any{<-ich, sm["k"]})
	x12, y12 := r12()
	fmt.Println("r12", x12, y12)
	q12a, q12b, _ := q12()
	fmt.Println("q12", q12a, q12b)
	d12s, d12i := po.S(), im["k"]
	fmt.Println("d12", d12s, d12i)
	var e12s string
	var e12i int
	e12i, e12s = im["k"], po.S()
	fmt.Println("e12", e12s, e12i)
	var v12s, v12i = po.S(), im["k"]
	fmt.Println("v12", v12s, v12i)
	p12 := P{}
	p12.S, p12.N = po.S(), im["k"]
	fmt.Println("p12", p12, two(po.S(), im["k"]), P{po.S(), im["k"]}, []any{im["k"], po.S()})
	x13, y13 := r13()
	fmt.Println("r13", x13, y13)
	q13a, q13b, _ := q13()
	fmt.Println("q13", q13a, q13b)
	d13s, d13i := "lit", min(iv, 3)
	fmt.Println("d13", d13s, d13i)
	var e13s string
	var e13i int
	e13i, e13s = min(iv, 3), "lit"
	fmt.Println("e13", e13s, e13i)
	var v13s, v13i = "lit", min(iv, 3)
	fmt.Println("v13", v13s, v13i)
	p13 := P{}
	p13.S, p13.N = "lit", min(iv, 3)
	fmt.Println("p13", p13, two("lit", min(iv, 3)), P{"lit", min(iv, 3)}, []any{min(iv, 3), "lit"})
	x14, y14 := r14()
	fmt.Println("r14", x14, y14)
	q14a, q14b, _ := q14()
	fmt.Println("q14", q14a, q14b)
	d14s, d14i := sv, append(is, 5)[2]
	fmt.Println("d14", d14s, d14i)
	var e14s string
	var e14i int
	e14i, e14s = append(is, 5)[2], sv
	fmt.Println("e14", e14s, e14i)
	var v14s, v14i = sv, append(is, 5)[2]
	fmt.Println("v14", v14s, v14i)
	p14 := P{}
	p14.S, p14.N = sv, append(is, 5)[2]
	fmt.Println("p14", p14, two(sv, append(is, 5)[2]), P{sv, append(is, 5)[2]}, []any{append(is, 5)[2], sv})
}
