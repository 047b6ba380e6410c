// Readers and writers of the program's own types composed with the
// standard library's codecs: a rot13 reader and a counting writer through
// gzip, base64, hex and io.Copy, checksums, and a seeded math/rand/v2.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"strings"
	"unicode/utf16"
)

type rot13 struct{ r io.Reader }

func (r rot13) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	for i := range n {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z':
			p[i] = 'a' + (c-'a'+13)%26
		case c >= 'A' && c <= 'Z':
			p[i] = 'A' + (c-'A'+13)%26
		}
	}
	return n, err
}

type counter struct {
	w      io.Writer
	n      int
	writes int
}

func (c *counter) Write(p []byte) (int, error) {
	c.writes++
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

type limitWriter struct {
	left int
}

var errFull = errors.New("writer full")

func (l *limitWriter) Write(p []byte) (int, error) {
	if len(p) > l.left {
		n := l.left
		l.left = 0
		return n, errFull
	}
	l.left -= len(p)
	return len(p), nil
}

type upperWriter struct{ io.Writer }

func (u upperWriter) Write(p []byte) (int, error) {
	return u.Writer.Write(bytes.ToUpper(p))
}

func main() {
	text := strings.Repeat("Hello, Gophers! The quick brown fox. ", 20)
	var out bytes.Buffer
	n, err := io.Copy(&out, rot13{strings.NewReader(text[:37])})
	fmt.Println(n, err, out.String())

	var zipped bytes.Buffer
	cw := &counter{w: &zipped}
	zw := gzip.NewWriter(cw)
	zw.Name = "text.txt"
	io.Copy(zw, rot13{strings.NewReader(text)})
	zw.Close()
	fmt.Println(len(text), cw.n > 0, cw.n < len(text), cw.writes > 0, crc32.ChecksumIEEE([]byte(text)))

	zr, err := gzip.NewReader(bytes.NewReader(zipped.Bytes()))
	if err != nil {
		fmt.Println(err)
		return
	}
	back, _ := io.ReadAll(rot13{zr})
	fmt.Println(zr.Name, string(back) == text, len(back))

	enc := base64.StdEncoding.EncodeToString([]byte("fountain ✓"))
	dec, err := base64.StdEncoding.DecodeString(enc)
	fmt.Println(enc, string(dec), err)
	_, err = base64.StdEncoding.DecodeString("!!!")
	fmt.Println(err)
	var hb strings.Builder
	hw := hex.NewEncoder(upperWriter{&hb})
	fmt.Fprint(hw, "go")
	fmt.Println(hb.String(), hex.Dump([]byte("ab"))[:20])

	lw := &limitWriter{left: 10}
	nn, err := io.Copy(lw, strings.NewReader(text))
	fmt.Println(nn, err, errors.Is(err, errFull))
	bw := bufio.NewWriterSize(&counter{w: io.Discard}, 16)
	for i := range 5 {
		fmt.Fprintf(bw, "line %d\n", i)
	}
	fmt.Println(bw.Buffered(), bw.Flush())

	r := rand.New(rand.NewPCG(1, 2))
	var rolls []int
	for range 8 {
		rolls = append(rolls, r.IntN(6)+1)
	}
	perm := r.Perm(5)
	fmt.Println(rolls, perm, r.Float64() < 1)
	u := utf16.Encode([]rune("héllo 😀"))
	fmt.Println(len(u), string(utf16.Decode(u)))

	sc := bufio.NewScanner(rot13{strings.NewReader("uryyb\njbeyq\n")})
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	fmt.Println(lines, sc.Err())
}
