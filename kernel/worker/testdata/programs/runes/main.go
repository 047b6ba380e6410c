// Text as bytes, runes and grapheme-free characters: utf8 decoding,
// unicode classes, quoting, a Caesar cipher and a word-wrapper.
package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func caesar(s string, shift rune) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return 'a' + (r-'a'+shift+26)%26
		case r >= 'A' && r <= 'Z':
			return 'A' + (r-'A'+shift+26)%26
		}
		return r
	}, s)
}

type Counts struct{ Letters, Digits, Spaces, Punct, Other int }

func classify(s string) Counts {
	var c Counts
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			c.Letters++
		case unicode.IsDigit(r):
			c.Digits++
		case unicode.IsSpace(r):
			c.Spaces++
		case unicode.IsPunct(r):
			c.Punct++
		default:
			c.Other++
		}
	}
	return c
}

func wrap(text string, width int) []string {
	var lines []string
	var line []string
	n := 0
	for _, w := range strings.Fields(text) {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			lines = append(lines, strings.Join(line, " "))
			line, n = nil, 0
		}
		if n > 0 {
			n++
		}
		line = append(line, w)
		n += wl
	}
	if len(line) > 0 {
		lines = append(lines, strings.Join(line, " "))
	}
	return lines
}

func title(s string) string {
	prev := ' '
	return strings.Map(func(r rune) rune {
		defer func() { prev = r }()
		if unicode.IsSpace(prev) {
			return unicode.ToTitle(r)
		}
		return r
	}, s)
}

func main() {
	s := "héllo, 世界! 42"
	fmt.Println(len(s), utf8.RuneCountInString(s), reverse(s))
	for i, r := range "aé世" {
		fmt.Printf("%d:%c:%U:%d ", i, r, r, utf8.RuneLen(r))
	}
	fmt.Println()
	fmt.Printf("%q %+q %x % x\n", s, s, "hi", []byte("é"))
	fmt.Println(s[1], s[1:3], string(s[7]), []byte(s[:3]), []rune(s)[7])
	fmt.Printf("%+v\n", classify(s))
	fmt.Println(caesar("Hello, World", 3), caesar(caesar("Hello, World", 3), -3))
	for _, l := range wrap("the quick brown fox jumps over the lazy dog and keeps running far", 16) {
		fmt.Printf("|%-16s|\n", l)
	}
	fmt.Println(title("go is fun to write"))
	b := []byte("abc€")
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		fmt.Print(string(r), size, " ")
		b = b[size:]
	}
	fmt.Println(utf8.ValidString("a\xffb"), strings.ToValidUTF8("a\xffb", "?"))
	q := strconv.Quote("tab\there \"q\" ☺")
	uq, err := strconv.Unquote(q)
	fmt.Println(q, uq, err, strconv.QuoteToASCII("☺"), strconv.QuoteRune('☺'))
	_, err = strconv.Unquote("'ab'")
	fmt.Println(err)
	var buf bytes.Buffer
	buf.WriteRune('λ')
	buf.WriteString(" calculus")
	fmt.Println(buf.Len(), buf.String(), bytes.ToUpper(buf.Bytes()), bytes.Count([]byte("cheese"), []byte("e")))
	fmt.Println(strings.EqualFold("Straße", "STRASSE"), strings.EqualFold("Go", "GO"), strings.ToUpper("straße"))
	fmt.Println(strings.IndexRune("chicken", 'k'), strings.IndexFunc("Hello, 世界", unicode.IsUpper), strings.LastIndexAny("golang", "go"))
	var r rune = 'x'
	var by byte = 'y'
	fmt.Println(r, by, string(r)+string(by), fmt.Sprintf("%c%c", r, by), strconv.Itoa(int(r)))
}
