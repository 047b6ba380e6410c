// Numbers: integer overflow and conversions, bit operations, math/bits,
// big integers and rationals, float formatting and special values.
package main

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

type Celsius float64
type Fahrenheit float64

func CToF(c Celsius) Fahrenheit  { return Fahrenheit(c*9/5 + 32) }
func (c Celsius) String() string { return strconv.FormatFloat(float64(c), 'f', 1, 64) + "°C" }

func factorial(n int64) *big.Int {
	r := big.NewInt(1)
	for i := int64(2); i <= n; i++ {
		r.Mul(r, big.NewInt(i))
	}
	return r
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func primes(n int) []int {
	sieve := make([]bool, n+1)
	var ps []int
	for i := 2; i <= n; i++ {
		if !sieve[i] {
			ps = append(ps, i)
			for j := i * i; j <= n; j += i {
				sieve[j] = true
			}
		}
	}
	return ps
}

func main() {
	var u8 uint8 = 250
	u8 += 10
	var i8 int8 = 127
	i8++
	m32 := int32(math.MaxInt32)
	big16 := 70000
	fmt.Println(u8, i8, m32+1 < 0, uint16(big16))
	x := 0b1011_0110
	fmt.Printf("%d %b %o %x %X %08b\n", x, x, x, x, x, x&0x0f)
	fmt.Println(x<<2, x>>3, x&^0b110, x|1, x^0xff, ^x)
	fmt.Println(bits.OnesCount(uint(x)), bits.LeadingZeros8(uint8(x)), bits.TrailingZeros(8), bits.Len(255), bits.Reverse8(1))
	hi, lo := bits.Mul64(math.MaxUint64, 3)
	fmt.Println(hi, lo)
	fmt.Println(factorial(25), factorial(25).BitLen())
	r := big.NewRat(1, 3)
	r.Add(r, big.NewRat(1, 6))
	fmt.Println(r, r.FloatString(5))
	f := new(big.Float).SetPrec(100).SetFloat64(2)
	f.Sqrt(f)
	fmt.Println(f.Text('f', 20))
	fmt.Println(gcd(84, 36), primes(50))
	fmt.Println(7/2, -7/2, 7%3, -7%3, 7.0/2, math.Mod(-7, 3))
	fmt.Println(math.Inf(1), -math.Inf(1), math.NaN() == math.NaN(), math.IsNaN(math.NaN()), math.MaxInt64, math.SmallestNonzeroFloat64)
	fmt.Printf("%.3f %e %g %v %6.2f|%-8.3g|\n", math.Pi, 123456.789, 1e21, 1e20, math.E, 1.0/3)
	fmt.Println(strconv.FormatFloat(0.1+0.2, 'g', -1, 64), 0.1+0.2 == 0.3, float32(0.1))
	c := Celsius(36.6)
	fmt.Println(c, CToF(c), CToF(-40), []Celsius{0, 100})
	fmt.Printf("%v %.2f %s\n", c, c, c)
	n, err := strconv.ParseInt("-0x1f", 0, 64)
	fmt.Println(n, err)
	_, err = strconv.ParseInt("99999999999999999999", 10, 64)
	fmt.Println(err)
	f29 := 2.9
	z := complex(3, 4)
	fmt.Println(z, real(z), imag(z), z*z, fmt.Sprintf("%.1f", z))
	fmt.Println(math.Round(-2.5), math.Trunc(-2.7), math.Ceil(2.1), int(f29), int(-f29), uint(1<<63))
}
