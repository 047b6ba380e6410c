// Text processing: a word wrapper, a Caesar cipher on runes, a run-length
// encoder, palindromes, anagram groups, and a tiny template engine.
package main

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"
)

func wrap(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(text) {
		if cur.Len() > 0 && cur.Len()+1+len(w) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func caesar(s string, shift int) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsUpper(r):
			return 'A' + (r-'A'+rune(shift)+26)%26
		case unicode.IsLower(r):
			return 'a' + (r-'a'+rune(shift)+26)%26
		}
		return r
	}, s)
}

func rle(s string) string {
	var b bytes.Buffer
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		fmt.Fprintf(&b, "%d%c", j-i, rs[i])
		i = j
	}
	return b.String()
}

func isPalindrome(s string) bool {
	var rs []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		}
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if rs[i] != rs[j] {
			return false
		}
	}
	return true
}

func anagrams(words []string) [][]string {
	groups := map[string][]string{}
	for _, w := range words {
		rs := []rune(w)
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		k := string(rs)
		groups[k] = append(groups[k], w)
	}
	var out [][]string
	for _, g := range groups {
		if len(g) > 1 {
			sort.Strings(g)
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

type Invoice struct {
	Customer string
	Items    []Line
	Paid     bool
}

type Line struct {
	Desc  string
	Qty   int
	Price float64
}

func (l Line) Total() float64 { return float64(l.Qty) * l.Price }

const tmpl = `Invoice for {{.Customer}}
{{range $i, $l := .Items}}{{$i}}: {{$l.Desc | printf "%-8s"}} x{{$l.Qty}} @ {{printf "%.2f" $l.Price}}
{{end}}{{if .Paid}}PAID{{else}}DUE{{end}}
`

func main() {
	for _, l := range wrap("The quick brown fox jumps over the lazy dog and keeps running far away", 20) {
		fmt.Printf("|%-20s|\n", l)
	}
	enc := caesar("Hello, World! Zz", 3)
	fmt.Println(enc, caesar(enc, -3))
	fmt.Println(rle("aaabccddddé"), rle(""), utf8.RuneCountInString("héllo"))
	for _, s := range []string{"A man, a plan, a canal: Panama", "Go hang a salami", "nope", ""} {
		fmt.Printf("%q %v\n", s, isPalindrome(s))
	}
	fmt.Println(anagrams(strings.Fields("listen silent enlist google tinsel banana inlets gogole")))
	t := template.Must(template.New("inv").Parse(tmpl))
	inv := Invoice{"ACME", []Line{{"bolts", 3, 0.25}, {"nuts", 10, 0.1}}, false}
	var sb strings.Builder
	if err := t.Execute(&sb, inv); err != nil {
		fmt.Println("template:", err)
	}
	fmt.Print(sb.String())
	total := 0.0
	for _, l := range inv.Items {
		total += l.Total()
	}
	fmt.Printf("total %.2f\n", total)
	fmt.Println(strings.Title("hello world"), strings.ToTitle("ß"), strings.TrimFunc("  xx  ", unicode.IsSpace))
	fmt.Println(strings.Cut("key=value", "="))
	before, after, found := strings.Cut("novalue", "=")
	fmt.Printf("%q %q %v\n", before, after, found)
	fmt.Println(strings.EqualFold("Straße", "STRASSE"), strings.Compare("a", "b"), strings.ContainsAny("hello", "xyz"))
}
