// Text layout: word wrapping with a greedy and a minimum-raggedness
// algorithm, justification, bytes.Buffer and bufio.Writer, utf8 widths,
// and a tiny templating with strings.NewReplacer.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

type Line struct {
	Words []string
	Width int
}

func (l Line) String() string { return strings.Join(l.Words, " ") }

func width(ws []string) int {
	n := len(ws) - 1
	for _, w := range ws {
		n += utf8.RuneCountInString(w)
	}
	return max(n, 0)
}

// cell
func Greedy(words []string, limit int) []Line {
	var out []Line
	var cur []string
	for _, w := range words {
		if len(cur) > 0 && width(append(cur[:len(cur):len(cur)], w)) > limit {
			out = append(out, Line{cur, width(cur)})
			cur = nil
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		out = append(out, Line{cur, width(cur)})
	}
	return out
}

// MinRagged minimizes the sum of squared trailing spaces, the last line free.
func MinRagged(words []string, limit int) []Line {
	n := len(words)
	cost := make([]float64, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		cost[i] = math.Inf(1)
		for j := i + 1; j <= n; j++ {
			w := width(words[i:j])
			if w > limit && j > i+1 {
				break
			}
			c := 0.0
			if j < n {
				c = math.Pow(float64(limit-w), 2)
			}
			if c+cost[j] < cost[i] {
				cost[i], next[i] = c+cost[j], j
			}
		}
	}
	var out []Line
	for i := 0; i < n; i = next[i] {
		out = append(out, Line{words[i:next[i]], width(words[i:next[i]])})
	}
	return out
}

// cell
func Justify(l Line, limit int) string {
	if len(l.Words) == 1 {
		return l.Words[0]
	}
	gaps := len(l.Words) - 1
	spaces := limit - (l.Width - gaps)
	var b bytes.Buffer
	for i, w := range l.Words {
		b.WriteString(w)
		if i < gaps {
			n := spaces / gaps
			if i < spaces%gaps {
				n++
			}
			b.WriteString(strings.Repeat(" ", n))
		}
	}
	return b.String()
}

func render(w *bufio.Writer, title string, lines []Line, limit int, justify bool) {
	fmt.Fprintf(w, "%s (%d lines)\n", title, len(lines))
	for i, l := range lines {
		text := l.String()
		if justify && i < len(lines)-1 {
			text = Justify(l, limit)
		}
		fmt.Fprintf(w, "|%-*s|%3d\n", limit, text, l.Width)
	}
}

func main() {
	text := "The quick brown fox jumps over the lazy dog. Über café naïve résumé; the end of a line comes whenever the words run past it."
	words := strings.Fields(text)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, limit := range []int{24, 31} {
		g, m := Greedy(words, limit), MinRagged(words, limit)
		render(out, "greedy "+strconv.Itoa(limit), g, limit, false)
		render(out, "ragged "+strconv.Itoa(limit), m, limit, true)
	}
	r := strings.NewReplacer("{name}", "Ada", "{n}", strconv.Quote("3"), "{{", "{")
	fmt.Fprintln(out, r.Replace("hi {name}, {n} {{x}"))
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%08.3f|%-6s|%+d|%x|%q|%U", math.Pi, "go", 5, "hé", 'é', 'é')
	fmt.Fprintln(out, buf.String(), buf.Len(), utf8.RuneCount(buf.Bytes()))
}
