// io in depth: readers and writers of your own, pipes, tees, limits,
// multi-readers, buffered writers, and line scanning with custom splits.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"strings"
	"unicode"
)

type upperWriter struct{ w io.Writer }

func (u upperWriter) Write(p []byte) (int, error) {
	return u.w.Write(bytes.ToUpper(p))
}

type countingReader struct {
	r     io.Reader
	n     int
	reads int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	c.reads++
	return n, err
}

type repeatReader struct {
	b byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range k {
		p[i] = r.b
	}
	r.n -= k
	return k, nil
}

func words(data []byte, atEOF bool) (int, []byte, error) {
	start := 0
	for start < len(data) && !unicode.IsLetter(rune(data[start])) {
		start++
	}
	for i := start; i < len(data); i++ {
		if !unicode.IsLetter(rune(data[i])) {
			return i + 1, data[start:i], nil
		}
	}
	if atEOF && len(data) > start {
		return len(data), data[start:], nil
	}
	return start, nil, nil
}

func main() {
	var sb strings.Builder
	uw := upperWriter{&sb}
	fmt.Fprintf(uw, "hello %d ", 42)
	io.WriteString(uw, "world")
	fmt.Println(sb.String())

	cr := &countingReader{r: strings.NewReader("some text to count")}
	data, err := io.ReadAll(cr)
	fmt.Println(len(data), cr.n, err, cr.reads > 0)

	rr := &repeatReader{'x', 10}
	lim := io.LimitReader(rr, 4)
	b, _ := io.ReadAll(lim)
	rest, _ := io.ReadAll(rr)
	fmt.Printf("%s %s\n", b, rest)

	var tee bytes.Buffer
	h := sha256.New()
	tr := io.TeeReader(strings.NewReader("tee me"), &tee)
	io.Copy(h, tr)
	fmt.Printf("%s %x\n", tee.String(), h.Sum(nil)[:4])

	mr := io.MultiReader(strings.NewReader("a,"), strings.NewReader("b,"), &repeatReader{'c', 2})
	all, _ := io.ReadAll(mr)
	fmt.Println(string(all))

	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriter(pw)
		for i := range 3 {
			fmt.Fprintf(bw, "line %d\n", i)
		}
		bw.Flush()
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	fmt.Println(lines, sc.Err())

	ws := bufio.NewScanner(strings.NewReader("Hello, wide world! 42 times... ok"))
	ws.Split(words)
	var got []string
	for ws.Scan() {
		got = append(got, ws.Text())
	}
	fmt.Println(got, len(got))

	var mw bytes.Buffer
	w := io.MultiWriter(&mw, upperWriter{&mw})
	fmt.Fprint(w, "ab")
	fmt.Println(mw.String())
	br := bufio.NewReader(strings.NewReader("first line\nsecond"))
	l1, _ := br.ReadString('\n')
	l2, err := br.ReadString('\n')
	fmt.Printf("%q %q %v\n", l1, l2, err)
	sr := io.NewSectionReader(strings.NewReader("0123456789"), 3, 4)
	sec, _ := io.ReadAll(sr)
	fmt.Println(string(sec))
}
