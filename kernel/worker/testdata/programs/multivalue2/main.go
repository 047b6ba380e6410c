// Values of interface, struct and composite types assigned, defined,
// declared and returned two at a time: errors from variables, calls,
// elements, receives and methods beside struct literals, elements,
// dereferences and receives.
package main

import (
	"errors"
	"fmt"
)

type P struct {
	S string
	N int
}

// cell
type O struct{}

func (O) E() error { return errors.New("oe") }
func (O) P() P     { return P{"op", 9} }

var (
	err0 = errors.New("e0")
	errs = []error{errors.New("s0")}
	ech  = make(chan error, 100)
	pv   = P{"pv", 2}
	ps   = []P{{"ps", 3}}
	pp   = &P{"pp", 4}
	pch  = make(chan P, 100)
	pm   = map[string]P{"k": {"pm", 5}}
	sv   = "sv"
	o    O
)

func ef() error { return errors.New("ef") }
func pf() P     { return P{"pf", 6} }

func fill() {
	for i := 0; i < 100; i++ {
		ech <- errors.New("ch")
		pch <- P{"ch", 7}
	}
}

// cell
func r1() (P, error)    { return P{"a", 1}, err0 }
func q1() (error, P)    { return err0, P{"a", 1} }
func r2() (P, error)    { return pv, errors.New("e") }
func q2() (error, P)    { return errors.New("e"), pv }
func r3() (P, error)    { return ps[0], fmt.Errorf("f%d", 1) }
func q3() (error, P)    { return fmt.Errorf("f%d", 1), ps[0] }
func r4() (P, error)    { return pf(), ef() }
func q4() (error, P)    { return ef(), pf() }
func r5() (P, error)    { return *pp, errs[0] }
func q5() (error, P)    { return errs[0], *pp }
func r6() (P, error)    { return <-pch, <-ech }
func q6() (error, P)    { return <-ech, <-pch }
func r7() (P, error)    { return pm["k"], error(nil) }
func q7() (error, P)    { return error(nil), pm["k"] }
func r8() (P, error)    { return o.P(), o.E() }
func q8() (error, P)    { return o.E(), o.P() }
func r9() (P, error)    { return P{S: sv}, err0 }
func q9() (error, P)    { return err0, P{S: sv} }
func r10() (int, error) { return min(P{}.N, 2), errors.New("e") }
func q10() (error, int) { return errors.New("e"), min(P{}.N, 2) }

func main() {
	fill()
	x1, y1 := r1()
	fmt.Println("r1", x1, y1)
	q1a, q1b := q1()
	fmt.Println("q1", q1a, q1b)
	d1e, d1p := err0, P{"a", 1}
	fmt.Println("d1", d1e, d1p)
	var e1e error
	var e1p P
	e1p, e1e = P{"a", 1}, err0
	fmt.Println("e1", e1e, e1p)
	func() { var v1e, v1p = err0, P{"a", 1}; fmt.Println("v1", v1e, v1p) }()
	x2, y2 := r2()
	fmt.Println("r2", x2, y2)
	q2a, q2b := q2()
	fmt.Println("q2", q2a, q2b)
	d2e, d2p := errors.New("e"), pv
	fmt.Println("d2", d2e, d2p)
	var e2e error
	var e2p P
	e2p, e2e = pv, errors.New("e")
	fmt.Println("e2", e2e, e2p)
	func() { var v2e, v2p = errors.New("e"), pv; fmt.Println("v2", v2e, v2p) }()
	x3, y3 := r3()
	fmt.Println("r3", x3, y3)
	q3a, q3b := q3()
	fmt.Println("q3", q3a, q3b)
	d3e, d3p := fmt.Errorf("f%d", 1), ps[0]
	fmt.Println("d3", d3e, d3p)
	var e3e error
	var e3p P
	e3p, e3e = ps[0], fmt.Errorf("f%d", 1)
	fmt.Println("e3", e3e, e3p)
	func() { var v3e, v3p = fmt.Errorf("f%d", 1), ps[0]; fmt.Println("v3", v3e, v3p) }()
	x4, y4 := r4()
	fmt.Println("r4", x4, y4)
	q4a, q4b := q4()
	fmt.Println("q4", q4a, q4b)
	d4e, d4p := ef(), pf()
	fmt.Println("d4", d4e, d4p)
	var e4e error
	var e4p P
	e4p, e4e = pf(), ef()
	fmt.Println("e4", e4e, e4p)
	func() { var v4e, v4p = ef(), pf(); fmt.Println("v4", v4e, v4p) }()
	x5, y5 := r5()
	fmt.Println("r5", x5, y5)
	q5a, q5b := q5()
	fmt.Println("q5", q5a, q5b)
	d5e, d5p := errs[0], *pp
	fmt.Println("d5", d5e, d5p)
	var e5e error
	var e5p P
	e5p, e5e = *pp, errs[0]
	fmt.Println("e5", e5e, e5p)
	func() { var v5e, v5p = errs[0], *pp; fmt.Println("v5", v5e, v5p) }()
	x6, y6 := r6()
	fmt.Println("r6", x6, y6)
	q6a, q6b := q6()
	fmt.Println("q6", q6a, q6b)
	d6e, d6p := <-ech, <-pch
	fmt.Println("d6", d6e, d6p)
	var e6e error
	var e6p P
	e6p, e6e = <-pch, <-ech
	fmt.Println("e6", e6e, e6p)
	func() { var v6e, v6p = <-ech, <-pch; fmt.Println("v6", v6e, v6p) }()
	x7, y7 := r7()
	fmt.Println("r7", x7, y7)
	q7a, q7b := q7()
	fmt.Println("q7", q7a, q7b)
	d7e, d7p := error(nil), pm["k"]
	fmt.Println("d7", d7e, d7p)
	var e7e error
	var e7p P
	e7p, e7e = pm["k"], error(nil)
	fmt.Println("e7", e7e, e7p)
	func() { var v7e, v7p = error(nil), pm["k"]; fmt.Println("v7", v7e, v7p) }()
	x8, y8 := r8()
	fmt.Println("r8", x8, y8)
	q8a, q8b := q8()
	fmt.Println("q8", q8a, q8b)
	d8e, d8p := o.E(), o.P()
	fmt.Println("d8", d8e, d8p)
	var e8e error
	var e8p P
	e8p, e8e = o.P(), o.E()
	fmt.Println("e8", e8e, e8p)
	func() { var v8e, v8p = o.E(), o.P(); fmt.Println("v8", v8e, v8p) }()
	x9, y9 := r9()
	fmt.Println("r9", x9, y9)
	q9a, q9b := q9()
	fmt.Println("q9", q9a, q9b)
	d9e, d9p := err0, P{S: sv}
	fmt.Println("d9", d9e, d9p)
	var e9e error
	var e9p P
	e9p, e9e = P{S: sv}, err0
	fmt.Println("e9", e9e, e9p)
	func() { var v9e, v9p = err0, P{S: sv}; fmt.Println("v9", v9e, v9p) }()
	x10, y10 := r10()
	fmt.Println("r10", x10, y10)
	q10a, q10b := q10()
	fmt.Println("q10", q10a, q10b)
	d10e, d10p := errors.New("e"), min(P{}.N, 2)
	fmt.Println("d10", d10e, d10p)
	var e10e error
	var e10p int
	e10p, e10e = min(P{}.N, 2), errors.New("e")
	fmt.Println("e10", e10e, e10p)
	func() { var v10e, v10p = errors.New("e"), min(P{}.N, 2); fmt.Println("v10", v10e, v10p) }()
}
