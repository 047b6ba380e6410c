// Events in time: durations, sorting by time, grouping by day.
package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

type Level int

const (
	Debug Level = iota
	Info
	Warn
	Error
)

func (l Level) String() string {
	switch l {
	case Debug:
		return "DEBUG"
	case Info:
		return "INFO"
	case Warn:
		return "WARN"
	case Error:
		return "ERROR"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// cell

type Event struct {
	At    time.Time
	Level Level
	Msg   string
}

func (e Event) String() string {
	return fmt.Sprintf("%s [%v] %s", e.At.Format("Jan 2 15:04"), e.Level, e.Msg)
}

// cell

var base = time.Date(2025, time.March, 30, 22, 15, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return base.Add(d) }

func main() {
	evs := []Event{
		{at(3 * time.Hour), Warn, "disk 91%"},
		{at(0), Info, "start"},
		{at(90 * time.Minute), Error, "timeout"},
		{at(25 * time.Hour), Info, "daily"},
		{at(30 * time.Second), Debug, "tick"},
	}
	slices.SortFunc(evs, func(a, b Event) int { return a.At.Compare(b.At) })
	for _, e := range evs {
		fmt.Println(e)
	}
	byDay := map[string][]Event{}
	var days []string
	for _, e := range evs {
		d := e.At.Format("2006-01-02")
		if _, ok := byDay[d]; !ok {
			days = append(days, d)
		}
		byDay[d] = append(byDay[d], e)
	}
	for _, d := range days {
		var lv []string
		for _, e := range byDay[d] {
			lv = append(lv, e.Level.String())
		}
		fmt.Println(d, len(byDay[d]), strings.Join(lv, ","))
	}
	span := evs[len(evs)-1].At.Sub(evs[0].At)
	fmt.Println(span, span.Hours(), span.Round(time.Hour), span.Truncate(time.Hour))
	var worst Level
	for _, e := range evs {
		worst = max(worst, e.Level)
	}
	fmt.Println(worst, Level(7), []Level{Info, Error})
	fmt.Printf("%v %d %s %q\n", worst, worst, Warn, Info)
	d, err := time.ParseDuration("1h15m30.5s")
	fmt.Println(d, err, d.Seconds())
	t, err := time.Parse("2006-01-02 15:04", "2025-12-31 23:59")
	fmt.Println(t.Add(time.Minute).Year(), t.YearDay(), t.Weekday(), err)
}
