// Conway's game of life and a maze solver: 2D arrays, neighbors, string
// rendering, BFS over a grid with a queue of structs.
package main

import (
	"fmt"
	"strings"
)

const W, H = 8, 6

type Board [H][W]bool

func (b Board) Neighbors(y, x int) int {
	n := 0
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if dy == 0 && dx == 0 {
				continue
			}
			yy, xx := (y+dy+H)%H, (x+dx+W)%W
			if b[yy][xx] {
				n++
			}
		}
	}
	return n
}

func (b Board) Step() Board {
	var next Board
	for y := range H {
		for x := range W {
			n := b.Neighbors(y, x)
			next[y][x] = n == 3 || n == 2 && b[y][x]
		}
	}
	return next
}

func (b Board) String() string {
	var sb strings.Builder
	for _, row := range b {
		for _, c := range row {
			if c {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('.')
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func (b Board) Alive() (n int) {
	for _, row := range b {
		for _, c := range row {
			if c {
				n++
			}
		}
	}
	return
}

// cell

type pos struct{ r, c int }

func solve(maze []string) (int, []pos) {
	var start, end pos
	for r, row := range maze {
		if c := strings.IndexByte(row, 'S'); c >= 0 {
			start = pos{r, c}
		}
		if c := strings.IndexByte(row, 'E'); c >= 0 {
			end = pos{r, c}
		}
	}
	prev := map[pos]pos{start: start}
	queue := []pos{start}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == end {
			var path []pos
			for q := end; q != start; q = prev[q] {
				path = append(path, q)
			}
			return len(path), path
		}
		for _, d := range []pos{{0, 1}, {1, 0}, {0, -1}, {-1, 0}} {
			n := pos{p.r + d.r, p.c + d.c}
			if n.r < 0 || n.r >= len(maze) || n.c < 0 || n.c >= len(maze[n.r]) || maze[n.r][n.c] == '#' {
				continue
			}
			if _, seen := prev[n]; !seen {
				prev[n] = p
				queue = append(queue, n)
			}
		}
	}
	return -1, nil
}

func main() {
	var b Board
	for _, p := range [][2]int{{1, 2}, {2, 3}, {3, 1}, {3, 2}, {3, 3}} {
		b[p[0]][p[1]] = true
	}
	fmt.Print(b)
	for range 4 {
		b = b.Step()
	}
	fmt.Println()
	fmt.Print(b.String())
	fmt.Println(b.Alive(), b.Neighbors(4, 3))
	maze := []string{
		"S.#.....",
		".##.###.",
		"....#...",
		"#.#.#.#E",
	}
	n, path := solve(maze)
	fmt.Println(n, path[len(path)-1], path[0])
	grid := make([][]byte, len(maze))
	for i := range maze {
		grid[i] = []byte(maze[i])
	}
	for _, p := range path[1:] {
		grid[p.r][p.c] = '*'
	}
	for _, row := range grid {
		fmt.Println(string(row))
	}
	_, none := solve([]string{"S#E"})
	fmt.Println(none == nil)
}
