// A sudoku solver by backtracking with candidate bitmasks, and a checker.
package main

import (
	"errors"
	"fmt"
	"math/bits"
	"strings"
)

type Grid [9][9]uint8

var ErrUnsolvable = errors.New("sudoku: no solution")

func Parse(s string) (Grid, error) {
	var g Grid
	s = strings.Join(strings.Fields(s), "")
	if len(s) != 81 {
		return g, fmt.Errorf("sudoku: want 81 cells, got %d", len(s))
	}
	for i, r := range s {
		switch {
		case r == '.' || r == '0':
		case r >= '1' && r <= '9':
			g[i/9][i%9] = uint8(r - '0')
		default:
			return g, fmt.Errorf("sudoku: bad cell %q at %d", r, i)
		}
	}
	return g, nil
}

func (g *Grid) candidates(r, c int) uint16 {
	var used uint16
	for i := 0; i < 9; i++ {
		used |= 1 << g[r][i]
		used |= 1 << g[i][c]
	}
	br, bc := r/3*3, c/3*3
	for i := br; i < br+3; i++ {
		for j := bc; j < bc+3; j++ {
			used |= 1 << g[i][j]
		}
	}
	return ^used & 0x3FE
}

type solver struct {
	g     Grid
	steps int
}

func (s *solver) solve() bool {
	bestR, bestC, bestN := -1, -1, 10
	var bestMask uint16
	for r := range 9 {
		for c := range 9 {
			if s.g[r][c] != 0 {
				continue
			}
			m := s.g.candidates(r, c)
			if n := bits.OnesCount16(m); n < bestN {
				bestR, bestC, bestN, bestMask = r, c, n, m
			}
		}
	}
	if bestR < 0 {
		return true
	}
	for m := bestMask; m != 0; m &= m - 1 {
		d := uint8(bits.TrailingZeros16(m))
		s.g[bestR][bestC] = d
		s.steps++
		if s.solve() {
			return true
		}
	}
	s.g[bestR][bestC] = 0
	return false
}

func Solve(g Grid) (Grid, int, error) {
	s := &solver{g: g}
	if !s.solve() {
		return g, s.steps, ErrUnsolvable
	}
	return s.g, s.steps, nil
}

func (g Grid) Valid() bool {
	for i := 0; i < 9; i++ {
		var row, col, box uint16
		for j := 0; j < 9; j++ {
			row |= 1 << g[i][j]
			col |= 1 << g[j][i]
			box |= 1 << g[i/3*3+j/3][i%3*3+j%3]
		}
		if row != 0x3FE || col != 0x3FE || box != 0x3FE {
			return false
		}
	}
	return true
}

func (g Grid) String() string {
	var b strings.Builder
	for r, row := range g {
		if r > 0 && r%3 == 0 {
			b.WriteString("------+-------+------\n")
		}
		for c, v := range row {
			if c > 0 && c%3 == 0 {
				b.WriteString("| ")
			}
			if v == 0 {
				b.WriteString(". ")
			} else {
				fmt.Fprintf(&b, "%d ", v)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func main() {
	puzzle := `
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79`
	g, err := Parse(puzzle)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(g)
	solved, steps, err := Solve(g)
	fmt.Println("err:", err, "steps>0:", steps > 0, "valid:", solved.Valid())
	fmt.Print(solved)

	bad := g
	bad[0][2] = 5 // two 5s in the first row
	_, _, err = Solve(bad)
	fmt.Println("bad:", err, errors.Is(err, ErrUnsolvable))
	_, err = Parse("123")
	fmt.Println(err)
	_, err = Parse(strings.Repeat("x", 81))
	fmt.Println(err)
	fmt.Printf("%v %d\n", g.Valid(), len(g.String()))
}
