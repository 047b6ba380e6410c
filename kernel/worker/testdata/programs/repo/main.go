// A generic repository over entities with an ID method: an in-memory
// store with optimistic versions, queries built from predicates,
// pagination, and events emitted to subscribers through an interface.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

type ID int

type Entity interface {
	comparable
	GetID() ID
}

type User struct {
	ID    ID
	Name  string
	Email string
	Admin bool
}

func (u User) GetID() ID { return u.ID }

type Order struct {
	ID     ID
	UserID ID
	Total  float64
	Items  []string
}

func (o *Order) GetID() ID { return o.ID }

var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("version conflict")
)

type Event[T any] struct {
	Kind   string
	Entity T
}

type Listener[T any] interface {
	On(e Event[T])
}

type record[T any] struct {
	v       T
	version int
}

type Repo[T Entity] struct {
	rows      map[ID]*record[T]
	listeners []Listener[T]
}

func NewRepo[T Entity]() *Repo[T] { return &Repo[T]{rows: map[ID]*record[T]{}} }

func (r *Repo[T]) Subscribe(l Listener[T]) { r.listeners = append(r.listeners, l) }

func (r *Repo[T]) emit(kind string, v T) {
	for _, l := range r.listeners {
		l.On(Event[T]{kind, v})
	}
}

func (r *Repo[T]) Save(v T, version int) (int, error) {
	rec, ok := r.rows[v.GetID()]
	switch {
	case !ok && version != 0:
		return 0, fmt.Errorf("save %v: %w", v.GetID(), ErrNotFound)
	case !ok:
		r.rows[v.GetID()] = &record[T]{v, 1}
		r.emit("created", v)
		return 1, nil
	case rec.version != version:
		return rec.version, fmt.Errorf("save %v at version %d (now %d): %w", v.GetID(), version, rec.version, ErrConflict)
	}
	rec.v, rec.version = v, rec.version+1
	r.emit("updated", v)
	return rec.version, nil
}

func (r *Repo[T]) Get(id ID) (T, int, error) {
	if rec, ok := r.rows[id]; ok {
		return rec.v, rec.version, nil
	}
	var zero T
	return zero, 0, fmt.Errorf("get %v: %w", id, ErrNotFound)
}

func (r *Repo[T]) Delete(id ID) error {
	rec, ok := r.rows[id]
	if !ok {
		return fmt.Errorf("delete %v: %w", id, ErrNotFound)
	}
	delete(r.rows, id)
	r.emit("deleted", rec.v)
	return nil
}

type Query[T any] struct {
	where []func(T) bool
	order func(a, b T) int
	page  int
	size  int
}

func Where[T any](preds ...func(T) bool) Query[T] { return Query[T]{where: preds, size: 100} }

func (q Query[T]) OrderBy(f func(a, b T) int) Query[T] { q.order = f; return q }
func (q Query[T]) Page(n, size int) Query[T]           { q.page, q.size = n, size; return q }

func Find[T Entity](r *Repo[T], q Query[T]) []T {
	var out []T
	for _, rec := range r.rows {
		if !slices.ContainsFunc(q.where, func(p func(T) bool) bool { return !p(rec.v) }) {
			out = append(out, rec.v)
		}
	}
	if q.order != nil {
		slices.SortFunc(out, q.order)
	} else {
		slices.SortFunc(out, func(a, b T) int { return cmp.Compare(a.GetID(), b.GetID()) })
	}
	lo := min(len(out), q.page*q.size)
	return out[lo:min(len(out), lo+q.size)]
}

type auditLog struct{ lines []string }

func (a *auditLog) On(e Event[User]) { a.lines = append(a.lines, e.Kind+":"+e.Entity.Name) }

type counter map[string]int

func (c counter) On(e Event[*Order]) { c[e.Kind]++ }

func main() {
	users := NewRepo[User]()
	log := &auditLog{}
	users.Subscribe(log)
	for i, n := range strings.Fields("ada grace linus barbara ken") {
		users.Save(User{ID: ID(i + 1), Name: n, Email: n + "@example.org", Admin: i%2 == 0}, 0)
	}
	u, v, err := users.Get(2)
	fmt.Println(u.Name, v, err)
	u.Email = "grace@navy.mil"
	v2, err := users.Save(u, v)
	fmt.Println(v2, err)
	_, err = users.Save(u, v)
	fmt.Println(err, errors.Is(err, ErrConflict))
	_, _, err = users.Get(9)
	fmt.Println(err, errors.Is(err, ErrNotFound), users.Delete(5), users.Delete(5))

	admins := Find(users, Where(func(u User) bool { return u.Admin }))
	fmt.Println(len(admins), admins[0].Name)
	byName := Where[User]().OrderBy(func(a, b User) int { return strings.Compare(a.Name, b.Name) })
	for p := range 3 {
		var names []string
		for _, u := range Find(users, byName.Page(p, 2)) {
			names = append(names, u.Name)
		}
		fmt.Println("page", p, names)
	}
	fmt.Println(log.lines)

	orders := NewRepo[*Order]()
	c := counter{}
	orders.Subscribe(c)
	orders.Subscribe(c)
	orders.Save(&Order{ID: 10, UserID: 1, Total: 12.5, Items: []string{"tea"}}, 0)
	orders.Save(&Order{ID: 11, UserID: 2, Total: 99, Items: []string{"book", "pen"}}, 0)
	o, ver, _ := orders.Get(10)
	o.Items = append(o.Items, "cake")
	o.Total += 4
	orders.Save(o, ver)
	big := Find(orders, Where(func(o *Order) bool { return o.Total > 15 }, func(o *Order) bool { return len(o.Items) > 1 }))
	for _, o := range big {
		fmt.Printf("%d %.2f %v ", o.ID, o.Total, o.Items)
	}
	fmt.Println()
	fmt.Println(c)
}
