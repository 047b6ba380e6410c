// Codes and units: constraints that mix a type set with methods, generic
// funcs calling methods on type-parameter values, a generic registry of
// validators in a map of funcs, memoized recursion keyed by arrays, and
// labeled loops.
package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

type Code interface {
	~string
	Valid() bool
}

type ISBN string

func (s ISBN) Valid() bool {
	d := strings.ReplaceAll(string(s), "-", "")
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i, r := range d {
		v := int(r - '0')
		if r == 'X' && i == 9 {
			v = 10
		} else if v < 0 || v > 9 {
			return false
		}
		sum += (10 - i) * v
	}
	return sum%11 == 0
}

type Hex string

func (h Hex) Valid() bool {
	_, err := strconv.ParseUint(string(h), 16, 64)
	return err == nil && len(h)%2 == 0
}

// cell
func Partition[C Code](codes []C) (good, bad []C) {
	for _, c := range codes {
		if c.Valid() {
			good = append(good, c)
		} else {
			bad = append(bad, C(strings.ToUpper(string(c))))
		}
	}
	return
}

func Longest[C Code](codes ...C) (C, int) {
	var best C
	for _, c := range codes {
		if len(c) > len(best) {
			best = c
		}
	}
	return best, len(best)
}

// cell
type Validator func(string) error

var ErrEmpty = errors.New("empty")

func registry() map[string]Validator {
	return map[string]Validator{
		"isbn": func(s string) error {
			if s == "" {
				return ErrEmpty
			}
			if !ISBN(s).Valid() {
				return fmt.Errorf("isbn %q: bad checksum", s)
			}
			return nil
		},
		"hex": func(s string) error {
			if !Hex(s).Valid() {
				return fmt.Errorf("hex %q: %w", s, strconv.ErrSyntax)
			}
			return nil
		},
	}
}

// cell
var memo = map[[2]int]int{}

func paths(r, c int) int {
	if r == 0 || c == 0 {
		return 1
	}
	k := [2]int{r, c}
	if v, ok := memo[k]; ok {
		return v
	}
	v := paths(r-1, c) + paths(r, c-1)
	memo[k] = v
	return v
}

func main() {
	good, bad := Partition([]ISBN{"0-306-40615-2", "0-306-40615-3", "080442957X"})
	fmt.Println(good, bad)
	hg, hb := Partition([]Hex{"ff00", "abc", "zz"})
	fmt.Println(hg, hb, len(hb))
	l, n := Longest[Hex]("a", "bcd", "ef")
	fmt.Printf("%v %d %T\n", l, n, l)

	reg := registry()
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range reg {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range names {
		for _, in := range []string{"", "0306406152", "beef"} {
			err := reg[name](in)
			fmt.Printf("%s(%q)=%v %v %v; ", name, in, err, errors.Is(err, ErrEmpty), errors.Is(err, strconv.ErrSyntax))
		}
		fmt.Println()
	}

	fmt.Println(paths(2, 2), paths(10, 10), len(memo))

	grid := [][]int{{1, 2, 3}, {4, -1, 6}, {7, 8, 9}}
	found := [][2]int{}
rows:
	for i, row := range grid {
		for j, v := range row {
			switch {
			case v < 0:
				continue rows
			case v%4 == 0:
				found = append(found, [2]int{i, j})
			case v == 9:
				break rows
			}
		}
	}
	fmt.Println(found)
}
