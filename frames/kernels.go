package frames

import (
	"cmp"
	"sync"
)

// Comparison and arithmetic loops, one per operator so that the compiler
// keeps each one branch-free and inlined: these are the hot loops of
// Filter and WithColumn. Comparisons pack eight results into a byte at a
// time and split the rows between CPUs at byte boundaries.

// cmpLoop sets bit i of bits where x[i] op y[i] (y[0] for all i when ys).
func cmpLoop[T cmp.Ordered](op string, x, y []T, ys bool, bits []byte) {
	n := len(x)
	parallel8(n, func(lo, hi int) {
		if ys {
			cmpScalar(op, x[lo:hi], y[0], bits[lo/8:])
		} else {
			cmpArrays(op, x[lo:hi], y[lo:hi], bits[lo/8:])
		}
	})
}

// parallel8 is parallel with range starts at multiples of 8, so that each
// range owns whole bytes of a bitmap.
func parallel8(n int, fn func(lo, hi int)) {
	rs := ranges8(n)
	var wg sync.WaitGroup
	for _, r := range rs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(r[0], r[1])
		}()
	}
	wg.Wait()
}

// ranges8 splits [0, n) like chunks, with starts at multiples of 8.
func ranges8(n int) [][2]int {
	ps := chunks(n)
	if len(ps) == 1 {
		return ps
	}
	step := (ps[0][1] + 7) &^ 7
	var out [][2]int
	for lo := 0; lo < n; lo += step {
		out = append(out, [2]int{lo, min(lo+step, n)})
	}
	return out
}

// cmpScalar compares x with a constant.
func cmpScalar[T cmp.Ordered](op string, x []T, c T, bits []byte) {
	n := len(x)
	full := n &^ 7
	switch op {
	case "==":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] == c) |
				u8(x[i+1] == c)<<1 |
				u8(x[i+2] == c)<<2 |
				u8(x[i+3] == c)<<3 |
				u8(x[i+4] == c)<<4 |
				u8(x[i+5] == c)<<5 |
				u8(x[i+6] == c)<<6 |
				u8(x[i+7] == c)<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] == c) << (i & 7)
		}
	case "!=":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] != c) |
				u8(x[i+1] != c)<<1 |
				u8(x[i+2] != c)<<2 |
				u8(x[i+3] != c)<<3 |
				u8(x[i+4] != c)<<4 |
				u8(x[i+5] != c)<<5 |
				u8(x[i+6] != c)<<6 |
				u8(x[i+7] != c)<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] != c) << (i & 7)
		}
	case "<":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] < c) |
				u8(x[i+1] < c)<<1 |
				u8(x[i+2] < c)<<2 |
				u8(x[i+3] < c)<<3 |
				u8(x[i+4] < c)<<4 |
				u8(x[i+5] < c)<<5 |
				u8(x[i+6] < c)<<6 |
				u8(x[i+7] < c)<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] < c) << (i & 7)
		}
	case "<=":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] <= c) |
				u8(x[i+1] <= c)<<1 |
				u8(x[i+2] <= c)<<2 |
				u8(x[i+3] <= c)<<3 |
				u8(x[i+4] <= c)<<4 |
				u8(x[i+5] <= c)<<5 |
				u8(x[i+6] <= c)<<6 |
				u8(x[i+7] <= c)<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] <= c) << (i & 7)
		}
	case ">":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] > c) |
				u8(x[i+1] > c)<<1 |
				u8(x[i+2] > c)<<2 |
				u8(x[i+3] > c)<<3 |
				u8(x[i+4] > c)<<4 |
				u8(x[i+5] > c)<<5 |
				u8(x[i+6] > c)<<6 |
				u8(x[i+7] > c)<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] > c) << (i & 7)
		}
	case ">=":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] >= c) |
				u8(x[i+1] >= c)<<1 |
				u8(x[i+2] >= c)<<2 |
				u8(x[i+3] >= c)<<3 |
				u8(x[i+4] >= c)<<4 |
				u8(x[i+5] >= c)<<5 |
				u8(x[i+6] >= c)<<6 |
				u8(x[i+7] >= c)<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] >= c) << (i & 7)
		}
	}
}

// cmpArrays compares x and y element-wise.
func cmpArrays[T cmp.Ordered](op string, x, y []T, bits []byte) {
	n := len(x)
	full := n &^ 7
	switch op {
	case "==":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] == y[i]) |
				u8(x[i+1] == y[i+1])<<1 |
				u8(x[i+2] == y[i+2])<<2 |
				u8(x[i+3] == y[i+3])<<3 |
				u8(x[i+4] == y[i+4])<<4 |
				u8(x[i+5] == y[i+5])<<5 |
				u8(x[i+6] == y[i+6])<<6 |
				u8(x[i+7] == y[i+7])<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] == y[i]) << (i & 7)
		}
	case "!=":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] != y[i]) |
				u8(x[i+1] != y[i+1])<<1 |
				u8(x[i+2] != y[i+2])<<2 |
				u8(x[i+3] != y[i+3])<<3 |
				u8(x[i+4] != y[i+4])<<4 |
				u8(x[i+5] != y[i+5])<<5 |
				u8(x[i+6] != y[i+6])<<6 |
				u8(x[i+7] != y[i+7])<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] != y[i]) << (i & 7)
		}
	case "<":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] < y[i]) |
				u8(x[i+1] < y[i+1])<<1 |
				u8(x[i+2] < y[i+2])<<2 |
				u8(x[i+3] < y[i+3])<<3 |
				u8(x[i+4] < y[i+4])<<4 |
				u8(x[i+5] < y[i+5])<<5 |
				u8(x[i+6] < y[i+6])<<6 |
				u8(x[i+7] < y[i+7])<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] < y[i]) << (i & 7)
		}
	case "<=":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] <= y[i]) |
				u8(x[i+1] <= y[i+1])<<1 |
				u8(x[i+2] <= y[i+2])<<2 |
				u8(x[i+3] <= y[i+3])<<3 |
				u8(x[i+4] <= y[i+4])<<4 |
				u8(x[i+5] <= y[i+5])<<5 |
				u8(x[i+6] <= y[i+6])<<6 |
				u8(x[i+7] <= y[i+7])<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] <= y[i]) << (i & 7)
		}
	case ">":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] > y[i]) |
				u8(x[i+1] > y[i+1])<<1 |
				u8(x[i+2] > y[i+2])<<2 |
				u8(x[i+3] > y[i+3])<<3 |
				u8(x[i+4] > y[i+4])<<4 |
				u8(x[i+5] > y[i+5])<<5 |
				u8(x[i+6] > y[i+6])<<6 |
				u8(x[i+7] > y[i+7])<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] > y[i]) << (i & 7)
		}
	case ">=":
		for i := 0; i < full; i += 8 {
			bits[i>>3] = u8(x[i] >= y[i]) |
				u8(x[i+1] >= y[i+1])<<1 |
				u8(x[i+2] >= y[i+2])<<2 |
				u8(x[i+3] >= y[i+3])<<3 |
				u8(x[i+4] >= y[i+4])<<4 |
				u8(x[i+5] >= y[i+5])<<5 |
				u8(x[i+6] >= y[i+6])<<6 |
				u8(x[i+7] >= y[i+7])<<7
		}
		for i := full; i < n; i++ {
			bits[i>>3] |= u8(x[i] >= y[i]) << (i & 7)
		}
	}
}

// arithLoop computes out = x op y for + - * (y or x broadcast when
// scalar). Division and remainder, which need null checks, are in binLoop.
func arithLoop[T int64 | float64](op string, x, y []T, xs, ys bool, out []T) {
	parallel(len(out), func(lo, hi int) {
		o := out[lo:hi]
		switch {
		case ys && xs:
			arithSS(op, x[0], y[0], o)
		case ys:
			arithAS(op, x[lo:hi], y[0], o)
		case xs:
			arithSA(op, x[0], y[lo:hi], o)
		default:
			arithAA(op, x[lo:hi], y[lo:hi], o)
		}
	})
}

func arithAA[T int64 | float64](op string, x, y []T, out []T) {
	switch op {
	case "+":
		for i := range out {
			out[i] = x[i] + y[i]
		}
	case "-":
		for i := range out {
			out[i] = x[i] - y[i]
		}
	case "*":
		for i := range out {
			out[i] = x[i] * y[i]
		}
	}
}

func arithAS[T int64 | float64](op string, x []T, c T, out []T) {
	switch op {
	case "+":
		for i := range out {
			out[i] = x[i] + c
		}
	case "-":
		for i := range out {
			out[i] = x[i] - c
		}
	case "*":
		for i := range out {
			out[i] = x[i] * c
		}
	}
}

func arithSA[T int64 | float64](op string, c T, y []T, out []T) {
	switch op {
	case "+":
		for i := range out {
			out[i] = c + y[i]
		}
	case "-":
		for i := range out {
			out[i] = c - y[i]
		}
	case "*":
		for i := range out {
			out[i] = c * y[i]
		}
	}
}

func arithSS[T int64 | float64](op string, c, d T, out []T) {
	switch op {
	case "+":
		for i := range out {
			out[i] = c + d
		}
	case "-":
		for i := range out {
			out[i] = c - d
		}
	case "*":
		for i := range out {
			out[i] = c * d
		}
	}
}
