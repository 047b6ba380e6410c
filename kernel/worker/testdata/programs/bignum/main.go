// Arbitrary precision with math/big: factorials, Fibonacci, exact
// fractions, square roots to many digits, and primes.
package main

import (
	"fmt"
	"math/big"
	"strings"
)

func factorial(n int64) *big.Int {
	r := big.NewInt(1)
	for i := int64(2); i <= n; i++ {
		r.Mul(r, big.NewInt(i))
	}
	return r
}

func fib(n int) *big.Int {
	a, b := big.NewInt(0), big.NewInt(1)
	for i := 0; i < n; i++ {
		a.Add(a, b)
		a, b = b, a
	}
	return a
}

type Fraction struct{ r *big.Rat }

func NewFraction(a, b int64) Fraction { return Fraction{big.NewRat(a, b)} }

func (f Fraction) Add(g Fraction) Fraction { return Fraction{new(big.Rat).Add(f.r, g.r)} }
func (f Fraction) String() string          { return f.r.RatString() }

func harmonic(n int) Fraction {
	sum := NewFraction(0, 1)
	for i := 1; i <= n; i++ {
		sum = sum.Add(NewFraction(1, int64(i)))
	}
	return sum
}

func digitSum(x *big.Int) int {
	s := 0
	for _, c := range x.String() {
		s += int(c - '0')
	}
	return s
}

func main() {
	f := factorial(30)
	fmt.Println(f, len(f.String()), digitSum(factorial(100)))
	fmt.Println(fib(100), fib(100).BitLen())

	h := harmonic(10)
	fmt.Println(h, h.r.FloatString(6))
	fmt.Printf("%v %s\n", NewFraction(6, 8), NewFraction(-3, 9))

	two := new(big.Float).SetPrec(200).SetInt64(2)
	sqrt2 := new(big.Float).SetPrec(200).Sqrt(two)
	fmt.Println(sqrt2.Text('f', 50))

	var primes []string
	for i := int64(2); len(primes) < 10; i++ {
		if big.NewInt(i).ProbablyPrime(20) {
			primes = append(primes, fmt.Sprint(i))
		}
	}
	fmt.Println(strings.Join(primes, " "))

	m := new(big.Int)
	m.SetString("123456789012345678901234567890", 10)
	q, r := new(big.Int).QuoRem(m, big.NewInt(97), new(big.Int))
	fmt.Println(q, r, m.Cmp(q), new(big.Int).Exp(big.NewInt(2), big.NewInt(100), nil))
	g := new(big.Int).GCD(nil, nil, big.NewInt(462), big.NewInt(1071))
	fmt.Printf("gcd %v hex %x sign %d\n", g, m, new(big.Int).Neg(m).Sign())
	if _, ok := new(big.Int).SetString("12x", 10); !ok {
		fmt.Println("not a number: 12x")
	}
}
