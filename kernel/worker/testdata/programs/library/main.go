// A library: maps of slices of structs, updates through pointers, sorting
// on several keys, grouping, and a report.
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

type Book struct {
	ID     int
	Title  string
	Author string
	Year   int
	Tags   []string
}

type Loan struct {
	BookID int
	Member string
	Due    time.Time
}

type Library struct {
	books   map[int]*Book
	loans   []Loan
	byTag   map[string][]int
	members map[string]int
}

func NewLibrary() *Library {
	return &Library{books: map[int]*Book{}, byTag: map[string][]int{}, members: map[string]int{}}
}

func (l *Library) Add(b Book) {
	l.books[b.ID] = &b
	for _, t := range b.Tags {
		l.byTag[t] = append(l.byTag[t], b.ID)
	}
}

func (l *Library) Lend(id int, member string, on time.Time) error {
	if _, ok := l.books[id]; !ok {
		return fmt.Errorf("no book %d", id)
	}
	for _, ln := range l.loans {
		if ln.BookID == id {
			return fmt.Errorf("book %d is out to %s", id, ln.Member)
		}
	}
	l.loans = append(l.loans, Loan{id, member, on.AddDate(0, 0, 14)})
	l.members[member]++
	return nil
}

func (l *Library) Overdue(now time.Time) []Loan {
	var out []Loan
	for _, ln := range l.loans {
		if now.After(ln.Due) {
			out = append(out, ln)
		}
	}
	return out
}

func main() {
	lib := NewLibrary()
	for _, b := range []Book{
		{1, "Dune", "Herbert", 1965, []string{"scifi", "classic"}},
		{2, "Neuromancer", "Gibson", 1984, []string{"scifi", "cyberpunk"}},
		{3, "Emma", "Austen", 1815, []string{"classic"}},
		{4, "Persuasion", "Austen", 1817, []string{"classic", "romance"}},
		{5, "Snow Crash", "Stephenson", 1992, []string{"cyberpunk"}},
	} {
		lib.Add(b)
	}
	lib.books[3].Year = 1816
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, l := range []struct {
		id int
		m  string
		d  int
	}{{1, "ann", 0}, {3, "bob", 5}, {1, "cid", 6}, {9, "ann", 7}, {5, "ann", 20}} {
		if err := lib.Lend(l.id, l.m, day.AddDate(0, 0, l.d)); err != nil {
			fmt.Println("lend:", err)
		}
	}
	books := make([]*Book, 0, len(lib.books))
	for _, b := range lib.books {
		books = append(books, b)
	}
	slices.SortFunc(books, func(a, b *Book) int {
		return cmp.Or(cmp.Compare(a.Author, b.Author), cmp.Compare(a.Year, b.Year))
	})
	for _, b := range books {
		fmt.Printf("%-11s %-12s %d %s\n", b.Author, b.Title, b.Year, strings.Join(b.Tags, "/"))
	}
	tags := make([]string, 0, len(lib.byTag))
	for t := range lib.byTag {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	for _, t := range tags {
		ids := lib.byTag[t]
		var titles []string
		for _, id := range ids {
			titles = append(titles, lib.books[id].Title)
		}
		fmt.Printf("%s: %v\n", t, titles)
	}
	now := day.AddDate(0, 0, 20)
	for _, ln := range lib.Overdue(now) {
		fmt.Println("overdue:", lib.books[ln.BookID].Title, ln.Member, ln.Due.Format("Jan 2"), int(now.Sub(ln.Due).Hours()/24), "days")
	}
	fmt.Println(lib.members)
	byDecade := map[int][]string{}
	for _, b := range books {
		d := b.Year / 10 * 10
		byDecade[d] = append(byDecade[d], b.Title)
	}
	decades := slices.Sorted(func(yield func(int) bool) {
		for d := range byDecade {
			if !yield(d) {
				return
			}
		}
	})
	for _, d := range decades {
		fmt.Printf("%ds %d %v\n", d, len(byDecade[d]), byDecade[d])
	}
}
