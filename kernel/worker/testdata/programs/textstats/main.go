// Text statistics: n-grams, a Markov chain with a seeded source,
// sentence splitting, readability counts, and a histogram bar chart.
package main

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"
)

const corpus = `The stars are bright tonight. The stars are far away. Far away the
galaxies spin slowly. Slowly the night turns to day, and the stars fade.`

func sentences(s string) []string {
	var out []string
	var cur strings.Builder
	for _, r := range s {
		if r == '\n' {
			r = ' '
		}
		cur.WriteRune(r)
		if r == '.' || r == '!' || r == '?' {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	return out
}

func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

type bigram [2]string

func main() {
	ss := sentences(corpus)
	fmt.Println(len(ss), ss[len(ss)-1])
	toks := tokens(corpus)
	grams := map[bigram]int{}
	for i := 0; i+1 < len(toks); i++ {
		grams[bigram{toks[i], toks[i+1]}]++
	}
	type kv struct {
		g bigram
		n int
	}
	var kvs []kv
	for g, n := range grams {
		kvs = append(kvs, kv{g, n})
	}
	sort.Slice(kvs, func(i, j int) bool {
		if kvs[i].n != kvs[j].n {
			return kvs[i].n > kvs[j].n
		}
		return kvs[i].g[0]+kvs[i].g[1] < kvs[j].g[0]+kvs[j].g[1]
	})
	for _, x := range kvs[:4] {
		fmt.Printf("%-14s %d\n", x.g[0]+" "+x.g[1], x.n)
	}
	next := map[string][]string{}
	for i := 0; i+1 < len(toks); i++ {
		next[toks[i]] = append(next[toks[i]], toks[i+1])
	}
	r := rand.New(rand.NewPCG(7, 11))
	w := "the"
	out := []string{w}
	for range 8 {
		cands := next[w]
		if len(cands) == 0 {
			break
		}
		w = cands[r.IntN(len(cands))]
		out = append(out, w)
	}
	fmt.Println(strings.Join(out, " "))
	lengths := map[int]int{}
	maxLen := 0
	for _, t := range toks {
		lengths[len(t)]++
		maxLen = max(maxLen, len(t))
	}
	for l := 1; l <= maxLen; l++ {
		if lengths[l] > 0 {
			fmt.Printf("%2d %-8s %d\n", l, strings.Repeat("█", lengths[l]), lengths[l])
		}
	}
	vowels := 0
	for _, r := range corpus {
		if strings.ContainsRune("aeiouAEIOU", r) {
			vowels++
		}
	}
	fmt.Printf("%d words, %d vowels, %.2f words/sentence\n", len(toks), vowels, float64(len(toks))/float64(len(ss)))
}
