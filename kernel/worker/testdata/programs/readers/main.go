// io composition: readers wrapping readers (TeeReader, MultiReader,
// LimitReader, SectionReader), a custom Reader and Writer, bufio.Scanner
// with its split funcs and one of our own.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// rot13Reader decodes a rot13 stream as it is read.
type rot13Reader struct{ r io.Reader }

func (rr rot13Reader) Read(p []byte) (int, error) {
	n, err := rr.r.Read(p)
	for i := 0; i < n; i++ {
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

// countingWriter counts bytes and lines written through it.
type countingWriter struct {
	w            io.Writer
	bytes, lines int
}

func (cw *countingWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.bytes += n
	cw.lines += bytes.Count(p[:n], []byte("\n"))
	return n, err
}

// slowReader returns at most two bytes per Read, as networks do.
type slowReader struct{ data []byte }

func (s *slowReader) Read(p []byte) (int, error) {
	if len(s.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 2)], s.data)
	s.data = s.data[n:]
	return n, nil
}

var errTooLong = errors.New("line too long")

type limitedLines struct {
	sc  *bufio.Scanner
	max int
}

func (l *limitedLines) Next() (string, error) {
	if !l.sc.Scan() {
		if err := l.sc.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	if t := l.sc.Text(); len(t) > l.max {
		return "", fmt.Errorf("%q: %w", t, errTooLong)
	}
	return l.sc.Text(), nil
}

// splitCSVFields splits on commas, trimming spaces.
func splitCSVFields(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, ','); i >= 0 {
		return i + 1, bytes.TrimSpace(data[:i]), nil
	}
	if atEOF && len(data) > 0 {
		return len(data), bytes.TrimSpace(data), nil
	}
	return 0, nil, nil
}

func main() {
	var buf bytes.Buffer
	tee := io.TeeReader(rot13Reader{strings.NewReader("Lbh penpxrq gur pbqr!")}, &buf)
	out, _ := io.ReadAll(tee)
	fmt.Println(string(out), "|", buf.Len())

	mr := io.MultiReader(strings.NewReader("one "), strings.NewReader("two "), &slowReader{[]byte("three")})
	all, err := io.ReadAll(mr)
	fmt.Printf("%q %v\n", all, err)

	lr := io.LimitReader(strings.NewReader("0123456789"), 4)
	b, _ := io.ReadAll(lr)
	sr := io.NewSectionReader(strings.NewReader("0123456789"), 3, 5)
	part := make([]byte, 3)
	n, _ := sr.ReadAt(part, 1)
	fmt.Println(string(b), string(part[:n]), sr.Size())

	cw := &countingWriter{w: io.Discard}
	fmt.Fprintf(cw, "a\nbb\nccc\n")
	io.Copy(cw, &slowReader{[]byte("x\ny")})
	fmt.Println(cw.bytes, cw.lines)

	sc := bufio.NewScanner(strings.NewReader("the quick  brown\nfox"))
	sc.Split(bufio.ScanWords)
	var words []string
	for sc.Scan() {
		words = append(words, sc.Text())
	}
	fmt.Println(len(words), words)

	rs := bufio.NewScanner(strings.NewReader("héllo"))
	rs.Split(bufio.ScanRunes)
	count := 0
	for rs.Scan() {
		count++
	}
	fmt.Println("runes", count)

	cs := bufio.NewScanner(strings.NewReader(" a, b ,c,, d "))
	cs.Split(splitCSVFields)
	var fields []string
	for cs.Scan() {
		fields = append(fields, "["+cs.Text()+"]")
	}
	fmt.Println(strings.Join(fields, ""))

	ll := &limitedLines{bufio.NewScanner(strings.NewReader("short\nthis one is long\nok")), 8}
	for {
		line, err := ll.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println("error:", err, errors.Is(err, errTooLong))
			continue
		}
		fmt.Println("line:", line)
	}

	br := bufio.NewReader(strings.NewReader("key=value\nnext"))
	k, _ := br.ReadString('=')
	v, _ := br.ReadString('\n')
	rest, err := br.ReadString('\n')
	fmt.Printf("%q %q %q %v\n", k, v, rest, err)
	pr := bufio.NewReader(strings.NewReader("  42 apples"))
	for {
		r, _, err := pr.ReadRune()
		if err != nil || !unicode.IsSpace(r) {
			pr.UnreadRune()
			break
		}
	}
	var num int
	var what string
	fmt.Fscan(pr, &num, &what)
	fmt.Println(num+1, what)

	w := bufio.NewWriter(&buf)
	buf.Reset()
	fmt.Fprint(w, "buffered")
	fmt.Println(buf.Len(), w.Buffered())
	w.Flush()
	fmt.Println(buf.String())
}
