// Word frequencies with bufio, maps and sorting.
package main

import (
	"bufio"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

const text = `The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox runs!  A fox, a dog, and THE end.`

type wordCount struct {
	word  string
	count int
}

func tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
}

func main() {
	sc := bufio.NewScanner(strings.NewReader(text))
	counts := make(map[string]int)
	lines := 0
	for sc.Scan() {
		lines++
		for _, w := range tokenize(sc.Text()) {
			counts[w]++
		}
	}
	var wcs []wordCount
	for w, c := range counts {
		wcs = append(wcs, wordCount{w, c})
	}
	sort.Slice(wcs, func(i, j int) bool {
		if wcs[i].count != wcs[j].count {
			return wcs[i].count > wcs[j].count
		}
		return wcs[i].word < wcs[j].word
	})
	fmt.Println("lines:", lines, "distinct:", len(counts))
	for i, wc := range wcs {
		if i == 5 {
			break
		}
		fmt.Printf("%2d. %-6s %s\n", i+1, wc.word, strings.Repeat("*", wc.count))
	}
	var sb strings.Builder
	for _, r := range "Hello, 世界" {
		if unicode.Is(unicode.Han, r) {
			fmt.Fprintf(&sb, "[%c %U]", r, r)
		}
	}
	fmt.Println(sb.String(), len("世界"), []byte("é"), []rune("é"))
	fields := strings.Split("a,b,,c", ",")
	fmt.Printf("%q %d\n", fields, len(fields))
	r := strings.NewReplacer("fox", "cat", "dog", "cow")
	fmt.Println(r.Replace("fox and dog"))
	fmt.Println(strings.Title("x"), strings.EqualFold("Go", "GO"), strings.Count("cheese", "e"))
}
