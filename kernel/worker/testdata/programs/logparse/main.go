// Parsing a web server log: fmt.Sscanf and strconv, time.Parse with a
// layout, errors collected per line, aggregation by status class and path,
// percentiles, and a report through text/tabwriter.
package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

const logText = `2026-03-01T10:00:01Z GET /api/users 200 12ms 512
2026-03-01T10:00:02Z GET /api/users 200 15ms 498
2026-03-01T10:00:02Z POST /api/users 201 40ms 64
2026-03-01T10:00:03Z GET /api/orders 500 250ms 0
bad line here
2026-03-01T10:00:04Z GET /api/orders 200 80ms 2048
2026-03-01T10:00:05Z DELETE /api/users/7 404 5ms 0
2026-03-01T10:00:06Z GET /api/users 200 11ms 510
2026-99-01T10:00:07Z GET /api/users 200 11ms 510
2026-03-01T10:00:08Z GET /api/orders 200 95ms 1999
2026-03-01T10:00:09Z GET /api/users 2xx 10ms 1`

type Entry struct {
	At      time.Time
	Method  string
	Path    string
	Status  int
	Latency time.Duration
	Bytes   int
}

type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

var ErrFields = errors.New("wrong number of fields")

func parseLine(s string) (Entry, error) {
	f := strings.Fields(s)
	if len(f) != 6 {
		return Entry{}, fmt.Errorf("%w: %d", ErrFields, len(f))
	}
	at, err := time.Parse(time.RFC3339, f[0])
	if err != nil {
		return Entry{}, fmt.Errorf("time: %w", err)
	}
	status, err := strconv.Atoi(f[3])
	if err != nil {
		return Entry{}, fmt.Errorf("status: %w", err)
	}
	lat, err := time.ParseDuration(f[4])
	if err != nil {
		return Entry{}, err
	}
	var bytes int
	if _, err := fmt.Sscanf(f[5], "%d", &bytes); err != nil {
		return Entry{}, err
	}
	return Entry{at, f[1], f[2], status, lat, bytes}, nil
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	idx := int(p * float64(len(s)-1))
	return s[idx]
}

type stats struct {
	count     int
	bytes     int
	latencies []time.Duration
}

func main() {
	var entries []Entry
	var errs []error
	for i, line := range strings.Split(logText, "\n") {
		e, err := parseLine(line)
		if err != nil {
			errs = append(errs, &ParseError{i + 1, err})
			continue
		}
		entries = append(entries, e)
	}
	fmt.Println(len(entries), "entries,", len(errs), "errors")
	for _, err := range errs {
		var pe *ParseError
		var ne *strconv.NumError
		switch {
		case errors.Is(err, ErrFields):
			fmt.Println(" fields:", err)
		case errors.As(err, &ne):
			fmt.Println(" number:", ne.Func, ne.Num, err)
		case errors.As(err, &pe):
			fmt.Println(" other at", pe.Line, ":", err)
		}
	}

	byPath := map[string]*stats{}
	classes := map[string]int{}
	for _, e := range entries {
		st := byPath[e.Path]
		if st == nil {
			st = &stats{}
			byPath[e.Path] = st
		}
		st.count++
		st.bytes += e.Bytes
		st.latencies = append(st.latencies, e.Latency)
		classes[fmt.Sprintf("%dxx", e.Status/100)]++
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	sort.SliceStable(paths, func(i, j int) bool {
		if byPath[paths[i]].count != byPath[paths[j]].count {
			return byPath[paths[i]].count > byPath[paths[j]].count
		}
		return paths[i] < paths[j]
	})
	tw := tabwriter.NewWriter(os.Stdout, 0, 8, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "path\tcount\tbytes\tp50\tp90\t")
	for _, p := range paths {
		st := byPath[p]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%v\t%v\t\n", p, st.count, st.bytes, percentile(st.latencies, 0.5), percentile(st.latencies, 0.9))
	}
	tw.Flush()
	fmt.Println(classes)
	span := entries[len(entries)-1].At.Sub(entries[0].At)
	fmt.Printf("%v over %v, %.2f req/s, first %s\n", len(entries), span, float64(len(entries))/span.Seconds(), entries[0].At.Format(time.Kitchen))
}
