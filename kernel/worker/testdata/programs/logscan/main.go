// Scanning a log: bufio.Scanner over text, regexp with named groups,
// strings.Cut and Fields, a type switch over parsed records, errors.Join
// of the bad lines, maps.Keys sorted, and a replacer.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// cell
type Record interface{ Line() int }

type Request struct {
	line   int
	Method string
	Path   string
	Status int
	Millis float64
}

type Note struct {
	line int
	Text string
}

func (r Request) Line() int { return r.line }
func (n Note) Line() int    { return n.line }

type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

var reqRE = regexp.MustCompile(`^(?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3}) (?P<ms>[\d.]+)ms$`)

// cell
func parse(text string) ([]Record, error) {
	var out []Record
	var errs []error
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if note, ok := strings.CutPrefix(line, "# "); ok {
			out = append(out, Note{n, note})
			continue
		}
		m := reqRE.FindStringSubmatch(line)
		if m == nil {
			errs = append(errs, &ParseError{n, fmt.Errorf("no match: %q", line)})
			continue
		}
		status, _ := strconv.Atoi(m[reqRE.SubexpIndex("status")])
		ms, err := strconv.ParseFloat(m[reqRE.SubexpIndex("ms")], 64)
		if err != nil {
			errs = append(errs, &ParseError{n, err})
			continue
		}
		out = append(out, Request{n, m[1], m[reqRE.SubexpIndex("path")], status, ms})
	}
	return out, errors.Join(errs...)
}

// cell
func main() {
	log := `GET /a 200 12.5ms
# deploy v2
POST /b 500 130ms
bogus line
GET /a 404 3ms

GET /c 200 1.2.3ms
PUT /b 201 40ms`
	recs, err := parse(log)
	byStatus := map[int][]string{}
	var total float64
	for _, r := range recs {
		switch r := r.(type) {
		case Request:
			byStatus[r.Status] = append(byStatus[r.Status], r.Method+" "+r.Path)
			total += r.Millis
		case Note:
			fmt.Printf("note at %d: %s\n", r.Line(), r.Text)
		}
	}
	for _, s := range slices.Sorted(maps.Keys(byStatus)) {
		fmt.Println(s, byStatus[s])
	}
	fmt.Printf("%d records, %.1fms\n", len(recs), total)
	var pe *ParseError
	fmt.Println(errors.As(err, &pe), pe.Line)
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Println(" -", line)
	}
	var ne *strconv.NumError
	fmt.Println(errors.As(err, &ne), ne.Func)
	r := strings.NewReplacer("GET", "get", "POST", "post")
	fmt.Println(r.Replace("GET /x then POST /y"))
	title := strings.Map(func(c rune) rune {
		if unicode.IsPunct(c) {
			return -1
		}
		return unicode.ToUpper(c)
	}, "a/b-c.d")
	k, v, found := strings.Cut("key=value=x", "=")
	fmt.Println(title, k, v, found, reqRE.NumSubexp(), reqRE.SubexpNames()[2])
}
