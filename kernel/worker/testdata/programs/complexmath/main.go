// Complex numbers and floating point: an ASCII Mandelbrot set, roots of
// unity with math/cmplx, a DFT of a small signal, and float formatting.
package main

import (
	"fmt"
	"math"
	"math/cmplx"
	"strings"
)

func mandelbrot(c complex128, limit int) int {
	z := complex(0, 0)
	for i := 0; i < limit; i++ {
		z = z*z + c
		if cmplx.Abs(z) > 2 {
			return i
		}
	}
	return limit
}

func rootsOfUnity(n int) []complex128 {
	out := make([]complex128, n)
	for k := range n {
		out[k] = cmplx.Exp(complex(0, 2*math.Pi*float64(k)/float64(n)))
	}
	return out
}

func dft(x []float64) []complex128 {
	n := len(x)
	out := make([]complex128, n)
	for k := 0; k < n; k++ {
		var s complex128
		for t, v := range x {
			angle := -2 * math.Pi * float64(k*t) / float64(n)
			s += complex(v, 0) * cmplx.Exp(complex(0, angle))
		}
		out[k] = s
	}
	return out
}

type Vec struct{ X, Y float64 }

func (v Vec) Add(w Vec) Vec        { return Vec{v.X + w.X, v.Y + w.Y} }
func (v Vec) Scale(f float64) Vec  { return Vec{v.X * f, v.Y * f} }
func (v Vec) Len() float64         { return math.Hypot(v.X, v.Y) }
func (v Vec) Rotate(a float64) Vec { s, c := math.Sincos(a); return Vec{v.X*c - v.Y*s, v.X*s + v.Y*c} }

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func main() {
	chars := " .:-=+*#%@"
	for y := 1.0; y >= -1.0; y -= 0.25 {
		var b strings.Builder
		for x := -2.0; x <= 0.5; x += 0.125 {
			n := mandelbrot(complex(x, y), 30)
			b.WriteByte(chars[n*(len(chars)-1)/30])
		}
		fmt.Println(b.String())
	}

	for _, r := range rootsOfUnity(4) {
		fmt.Printf("(%.3f%+.3fi) ", real(r), imag(r))
	}
	fmt.Println()
	c := complex(3, 4)
	fmt.Println(cmplx.Abs(c), real(c), imag(c), cmplx.Conj(c))
	fmt.Printf("%v %.2f %g\n", c*c, cmplx.Sqrt(-1+0i), cmplx.Phase(c))
	var c64 complex64 = 1 + 2i
	fmt.Printf("%T %v\n", c64, c64*c64)

	spec := dft([]float64{1, 0, -1, 0, 1, 0, -1, 0})
	for k, v := range spec {
		if cmplx.Abs(v) > 1e-9 {
			fmt.Printf("bin %d: %.2f\n", k, cmplx.Abs(v))
		}
	}

	v := Vec{3, 4}
	w := v.Rotate(math.Pi / 2)
	fmt.Println(v.Len(), round(w.X, 6), round(w.Y, 6), v.Add(w).Scale(0.5))

	fmt.Println(math.Inf(1), -math.Inf(1), math.NaN(), math.MaxInt64, math.SmallestNonzeroFloat64)
	fmt.Println(math.IsNaN(math.Sqrt(-1)), math.Floor(-2.5), math.Ceil(-2.5), math.Trunc(-2.5), math.Mod(7, -3))
	fmt.Printf("%e %E %.3g %08.3f %-8.2f| %x\n", 123456.789, 0.000123, 2.0/3, math.Pi, math.E, 1.5)
	var f32 float32 = 0.1
	fmt.Println(f32, float64(f32), 0.1+0.2, float32(0.1)+float32(0.2))
	fmt.Println(math.Float64bits(1.0), math.Float32frombits(0x40490fdb))
	fmt.Println(7/2, -7/2, 7%3, -7%3, 7.0/2, 1<<10, 0x1p-2, 1e3)
}
