// Embedding in depth: pointer embedding, interface embedding in structs
// and interfaces, shadowed methods calling the embedded one, promoted
// fields through two levels, and embedded types satisfying interfaces.
package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

type Logger struct {
	prefix string
	lines  []string
}

func (l *Logger) Log(format string, args ...any) {
	l.lines = append(l.lines, l.prefix+fmt.Sprintf(format, args...))
}

type Base struct {
	ID   int
	Kind string
}

func (b Base) Describe() string { return fmt.Sprintf("%s#%d", b.Kind, b.ID) }
func (b Base) Hello() string    { return "hello from " + b.Describe() }

type User struct {
	Base
	*Logger
	Name string
}

func (u User) Describe() string { return "user " + u.Name + " (" + u.Base.Describe() + ")" }

type Admin struct {
	User
	Level int
}

type Describer interface{ Describe() string }

type ReadCounter struct {
	io.Reader
	n int
}

func (r *ReadCounter) Read(p []byte) (int, error) {
	n, err := r.Reader.Read(p)
	r.n += n
	return n, err
}

type Named interface{ Name() string }
type Aged interface{ Age() int }
type Person interface {
	Named
	Aged
}

type person struct {
	name string
	age  int
}

func (p person) Name() string { return p.name }
func (p person) Age() int     { return p.age }

type ByAge []Person

func (a ByAge) Len() int           { return len(a) }
func (a ByAge) Less(i, j int) bool { return a[i].Age() < a[j].Age() }
func (a ByAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }

type Employee struct {
	Person
	Title string
}

func main() {
	log := &Logger{prefix: "> "}
	u := User{Base{1, "acct"}, log, "ann"}
	ad := Admin{User{Base{2, "acct"}, log, "root"}, 9}
	u.Log("made %s", u.Name)
	ad.Log("made %s level %d", ad.Name, ad.Level)
	fmt.Println(u.Describe(), "|", u.Hello())
	fmt.Println(ad.Describe(), ad.ID, ad.User.Base.Kind, ad.Hello())
	for _, d := range []Describer{u, ad, ad.Base, &u} {
		fmt.Println(d.Describe())
	}
	fmt.Println(strings.Join(log.lines, "; "), u.Logger == ad.Logger)

	rc := &ReadCounter{Reader: strings.NewReader("some text to count")}
	data, _ := io.ReadAll(rc)
	fmt.Println(len(data), rc.n)
	var r io.Reader = rc
	_, isWriter := r.(io.Writer)
	fmt.Println(isWriter)

	people := []Person{person{"x", 40}, person{"y", 20}, Employee{person{"z", 30}, "cto"}}
	sort.Sort(ByAge(people))
	for _, p := range people {
		fmt.Print(p.Name(), p.Age(), " ")
	}
	fmt.Println()
	e := Employee{person{"w", 50}, "ceo"}
	var n Named = e
	fmt.Println(n.Name(), e.Age(), e.Title)
	if p, ok := n.(Person); ok {
		fmt.Println("also a person", p.Age())
	}
	fmt.Printf("%+v\n", Admin{User{Base{3, "k"}, nil, "n"}, 1})
}
