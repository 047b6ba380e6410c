// fmt in depth on your own types: Stringer, GoStringer, Formatter, error,
// pointers to structs, nested values, widths and flags.
package main

import (
	"fmt"
	"strings"
)

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Secret string

func (s Secret) GoString() string { return `Secret("***")` }
func (s Secret) String() string   { return "***" }

type Money int64

func (m Money) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		sign := ""
		if m < 0 {
			sign, m = "-", -m
		}
		s := fmt.Sprintf("%s$%d.%02d", sign, int64(m/100), int64(m%100))
		if w, ok := f.Width(); ok && len(s) < w {
			if f.Flag('-') {
				s += strings.Repeat(" ", w-len(s))
			} else {
				s = strings.Repeat(" ", w-len(s)) + s
			}
		}
		fmt.Fprint(f, s)
	case 'd':
		fmt.Fprintf(f, "%d", int64(m))
	default:
		fmt.Fprintf(f, "%%!%c(Money=%d)", verb, int64(m))
	}
}

type Account struct {
	Owner   string
	Balance Money
	Home    Point
	Tags    []string
	Parent  *Account
}

type Grid [2][2]int

func main() {
	p := Point{1, 2}
	pp := &p
	fmt.Println(p, pp, []Point{{3, 4}}, []*Point{pp}, map[string]Point{"o": {}})
	fmt.Printf("%v|%+v|%s|%q|%10v|%-10s|\n", p, p, p, p, p, p)
	fmt.Printf("%#v %T %T\n", p, p, pp)
	s := Secret("hunter2")
	fmt.Printf("%v %s %#v %q\n", s, s, s, s)
	m := Money(-12345)
	fmt.Printf("[%v] [%12v] [%-12v] [%d] [%x]\n", m, m, m, m, m)
	fmt.Println(m, []Money{100, 250})
	root := &Account{Owner: "root"}
	a := Account{"ann", 5000, Point{7, 8}, []string{"vip"}, root}
	fmt.Printf("%v\n%+v\n", a, a)
	fmt.Println(a.Parent.Owner, a.Home, a.Balance)
	g := Grid{{1, 2}, {3, 4}}
	fmt.Println(g, len(g), g[1][0])
	fmt.Printf("%5.1f|%-5d|%05d|%x|%X|%o|%#x|%+d|% d\n", 3.14159, 42, 42, 255, 255, 8, 255, 5, 5)
	fmt.Printf("%t %c %U %q %v %08.3f\n", true, 'G', 'G', 'G', 'G', -3.5)
	fmt.Printf("%s %v %d\n", []byte("hi"), []byte("hi"), []byte("hi"))
	fmt.Printf("%6.2f%%\n", 12.3456)
	var ip *int
	var e error
	fmt.Println(ip, e, nil, []int(nil), map[string]int(nil))
	fmt.Printf("%v %d\n", struct {
		A int
		B string
	}{1, "x"}, []int{1, 2})
	fmt.Printf("%!\n")
	fmt.Printf("%d %s\n", "str", 5)
	fmt.Printf("%d\n", 1, 2)
	fmt.Println(fmt.Sprint("a", 1, 2, "b", "c", 3.0), fmt.Sprintln("x", 1))
}
