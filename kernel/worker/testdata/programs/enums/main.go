// Enums the Go way: iota constants with String from a table, bit flags
// with a String that joins their names, parsing names back with errors,
// enums as map keys and in switches, and Stringer inside other values.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var dayNames = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

func (d Weekday) String() string {
	if d < 0 || int(d) >= len(dayNames) {
		return fmt.Sprintf("Weekday(%d)", int(d))
	}
	return dayNames[d]
}

func (d Weekday) Weekend() bool { return d == Saturday || d == Sunday }

func (d Weekday) Next() Weekday { return (d + 1) % 7 }

var ErrUnknownDay = errors.New("unknown day")

func ParseWeekday(s string) (Weekday, error) {
	for i, n := range dayNames {
		if strings.EqualFold(n, s) {
			return Weekday(i), nil
		}
	}
	return 0, fmt.Errorf("parse %q: %w", s, ErrUnknownDay)
}

type Perm uint8

const (
	Read Perm = 1 << iota
	Write
	Exec
	All = Read | Write | Exec
)

func (p Perm) String() string {
	if p == 0 {
		return "none"
	}
	var parts []string
	for _, f := range []struct {
		p    Perm
		name string
	}{{Read, "read"}, {Write, "write"}, {Exec, "exec"}} {
		if p&f.p != 0 {
			parts = append(parts, f.name)
			p &^= f.p
		}
	}
	if p != 0 {
		parts = append(parts, fmt.Sprintf("0x%x", uint8(p)))
	}
	return strings.Join(parts, "|")
}

func (p Perm) Has(q Perm) bool { return p&q == q }

type Size int

const (
	_       = iota
	KB Size = 1 << (10 * iota)
	MB
	GB
)

func (s Size) String() string {
	switch {
	case s >= GB:
		return fmt.Sprintf("%.1fG", float64(s)/float64(GB))
	case s >= MB:
		return fmt.Sprintf("%.1fM", float64(s)/float64(MB))
	case s >= KB:
		return fmt.Sprintf("%.1fK", float64(s)/float64(KB))
	}
	return fmt.Sprintf("%dB", int(s))
}

type Shift struct {
	Day   Weekday
	Perms Perm
	Quota Size
}

func main() {
	fmt.Println(Monday, Saturday.Weekend(), Saturday.Next(), Weekday(9), Wednesday+1)
	fmt.Printf("%v %d %s %q %x %+v\n", Friday, Friday, Friday, Friday, Friday, Friday)
	for _, s := range []string{"tue", "SAT", "Funday"} {
		d, err := ParseWeekday(s)
		fmt.Println(d, err, errors.Is(err, ErrUnknownDay))
	}
	hours := map[Weekday]int{Monday: 8, Tuesday: 7, Saturday: 2}
	var keys []Weekday
	for d := range hours {
		keys = append(keys, d)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, d := range keys {
		fmt.Print(d, "=", hours[d], " ")
	}
	fmt.Println(hours)

	p := Read | Exec
	fmt.Println(p, All, Perm(0), Perm(0xF0|1), p.Has(Read), p.Has(Read|Write))
	p |= Write
	p &^= Exec
	fmt.Printf("%v %08b %d\n", p, p, p)

	fmt.Println(Size(512), 3*KB/2, 5*MB, 2*GB+GB/4)
	shifts := []Shift{{Monday, Read, 2 * MB}, {Sunday, All, 700 * KB}}
	fmt.Println(shifts)
	fmt.Printf("%v %+v\n", shifts[0], shifts[1])
	byDay := map[Weekday][]Perm{Friday: {Read, Write}}
	fmt.Println(byDay, [2]Weekday{Sunday, Saturday}, []*Shift{&shifts[0]}[0].Day)

	for d := Sunday; d <= Saturday; d++ {
		switch d {
		case Saturday, Sunday:
			fmt.Print("rest ")
		case Wednesday:
			fmt.Print("mid ")
		default:
			fmt.Print(d.String()[:1], " ")
		}
	}
	fmt.Println()
}
