// Dates and durations with time, in UTC so the output is fixed: a month
// calendar, business days, durations in words, parsing and formatting.
package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

func monthGrid(year int, m time.Month) string {
	var b strings.Builder
	first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	fmt.Fprintf(&b, "%s %d\nMo Tu We Th Fr Sa Su\n", m, year)
	offset := (int(first.Weekday()) + 6) % 7
	b.WriteString(strings.Repeat("   ", offset))
	for d := first; d.Month() == m; d = d.AddDate(0, 0, 1) {
		fmt.Fprintf(&b, "%2d", d.Day())
		if d.Weekday() == time.Sunday {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	return strings.TrimRight(b.String(), " \n")
}

func businessDays(from, to time.Time, holidays map[string]bool) int {
	n := 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		switch d.Weekday() {
		case time.Saturday, time.Sunday:
			continue
		}
		if holidays[d.Format(time.DateOnly)] {
			continue
		}
		n++
	}
	return n
}

func words(d time.Duration) string {
	if d < 0 {
		return "-" + words(-d)
	}
	parts := []string{}
	units := []struct {
		name string
		size time.Duration
	}{{"d", 24 * time.Hour}, {"h", time.Hour}, {"m", time.Minute}, {"s", time.Second}}
	for _, u := range units {
		if d >= u.size {
			parts = append(parts, fmt.Sprintf("%d%s", d/u.size, u.name))
			d %= u.size
		}
	}
	if len(parts) == 0 {
		return "0s"
	}
	return strings.Join(parts, " ")
}

var ErrBefore = errors.New("end before start")

type Span struct{ Start, End time.Time }

func ParseSpan(s string) (Span, error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return Span{}, fmt.Errorf("span %q: no slash", s)
	}
	start, err := time.Parse(time.RFC3339, a)
	if err != nil {
		return Span{}, fmt.Errorf("span start: %w", err)
	}
	end, err := time.Parse(time.RFC3339, b)
	if err != nil {
		return Span{}, fmt.Errorf("span end: %w", err)
	}
	if end.Before(start) {
		return Span{}, fmt.Errorf("span %q: %w", s, ErrBefore)
	}
	return Span{start, end}, nil
}

func (s Span) String() string {
	return s.Start.Format("Jan 2 15:04") + " → " + s.End.Format("15:04 MST")
}

func main() {
	fmt.Println(monthGrid(2026, time.February))
	t := time.Date(2026, 11, 24, 13, 5, 9, 500_000_000, time.UTC)
	fmt.Println(t, t.Unix(), t.YearDay(), t.Weekday())
	fmt.Println(t.Format(time.RFC1123), t.Format("2006-01-02T15:04:05.000Z07:00"), t.Format(time.Kitchen))
	_, week := t.ISOWeek()
	fmt.Println("week", week, t.Truncate(time.Hour).Format(time.TimeOnly), t.Round(time.Second).Second())
	hol := map[string]bool{"2026-12-25": true, "2026-12-24": true}
	fmt.Println(businessDays(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), hol))
	for _, d := range []time.Duration{90 * time.Second, 26*time.Hour + 3*time.Minute, 0, -45 * time.Minute} {
		fmt.Print(words(d), "; ")
	}
	fmt.Println()
	d, err := time.ParseDuration("1h15m30.5s")
	fmt.Println(d, d.Minutes(), err, d.Round(time.Minute), d.Truncate(time.Hour))
	for _, s := range []string{"2026-01-02T10:00:00Z/2026-01-02T11:30:00Z", "2026-01-02T10:00:00Z", "2026-01-02T12:00:00Z/2026-01-02T11:00:00Z", "x/y"} {
		sp, err := ParseSpan(s)
		if err != nil {
			fmt.Println("error:", err, errors.Is(err, ErrBefore))
			continue
		}
		fmt.Println(sp, sp.End.Sub(sp.Start))
	}
	loc := time.FixedZone("CET", 3600)
	fmt.Println(t.In(loc).Format(time.RFC3339), t.In(loc).Equal(t), t.AddDate(0, 1, 7).Format(time.DateOnly))
	dates := []time.Time{t.AddDate(0, 0, 3), t, t.AddDate(0, 0, -2)}
	earliest := dates[0]
	for _, x := range dates[1:] {
		if x.Before(earliest) {
			earliest = x
		}
	}
	fmt.Println(earliest.Format(time.DateOnly), time.Unix(0, 0).UTC(), time.Duration(1500)*time.Millisecond)
}
