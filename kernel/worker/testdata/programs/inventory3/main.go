// A warehouse with method sets on pointers and values, interfaces
// embedding interfaces, type switches over several types per case,
// maps of slices of structs updated in place, and a report sorted with
// cmp.Or chains.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

type SKU string

type Item struct {
	SKU   SKU
	Name  string
	Qty   int
	Price float64
	Tags  []string
}

type Perishable struct {
	Item
	DaysLeft int
}

type Bundle struct {
	Name  string
	Parts []Stockable
}

type Stockable interface {
	Key() SKU
	Value() float64
}

type Restockable interface {
	Stockable
	Restock(n int)
}

func (i *Item) Key() SKU       { return i.SKU }
func (i *Item) Value() float64 { return float64(i.Qty) * i.Price }
func (i *Item) Restock(n int)  { i.Qty += n }
func (p *Perishable) Value() float64 {
	v := p.Item.Value()
	if p.DaysLeft < 3 {
		v /= 2
	}
	return v
}
func (b Bundle) Key() SKU { return SKU("B-" + strings.ToUpper(b.Name)) }
func (b Bundle) Value() float64 {
	t := 0.0
	for _, p := range b.Parts {
		t += p.Value()
	}
	return t * 0.9
}

var ErrUnknown = errors.New("unknown sku")

type Warehouse struct {
	stock   map[SKU]Stockable
	byTag   map[string][]SKU
	history map[SKU][]int
}

func NewWarehouse(items ...Stockable) *Warehouse {
	w := &Warehouse{stock: map[SKU]Stockable{}, byTag: map[string][]SKU{}, history: map[SKU][]int{}}
	for _, it := range items {
		w.stock[it.Key()] = it
		var tags []string
		switch v := it.(type) {
		case *Item:
			tags = v.Tags
		case *Perishable:
			tags = append([]string{"fresh"}, v.Tags...)
		case Bundle, *Bundle:
			tags = []string{"bundle"}
		}
		for _, t := range tags {
			w.byTag[t] = append(w.byTag[t], it.Key())
		}
	}
	return w
}

func (w *Warehouse) Restock(k SKU, n int) error {
	it, ok := w.stock[k]
	if !ok {
		return fmt.Errorf("restock %s: %w", k, ErrUnknown)
	}
	r, ok := it.(Restockable)
	if !ok {
		return fmt.Errorf("restock %s: %T cannot be restocked", k, it)
	}
	r.Restock(n)
	w.history[k] = append(w.history[k], n)
	return nil
}

func describe(s Stockable) string {
	switch v := s.(type) {
	case *Perishable:
		return fmt.Sprintf("perishable %s (%d days)", v.Name, v.DaysLeft)
	case *Item:
		return "item " + v.Name
	case interface{ Restock(int) }:
		return "restockable"
	case nil:
		return "nothing"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func main() {
	apple := &Perishable{Item{"A1", "apple", 40, 0.5, []string{"fruit"}}, 2}
	pear := &Perishable{Item{"P1", "pear", 10, 0.8, []string{"fruit"}}, 9}
	hammer := &Item{"H1", "hammer", 3, 12.0, []string{"tools", "metal"}}
	nails := &Item{"N1", "nails", 500, 0.02, []string{"tools", "metal"}}
	kit := Bundle{"kit", []Stockable{hammer, nails}}
	w := NewWarehouse(apple, pear, hammer, nails, kit)

	for _, r := range []struct {
		k SKU
		n int
	}{{"A1", 10}, {"H1", 2}, {"ZZ", 1}, {kit.Key(), 1}, {"A1", 5}} {
		if err := w.Restock(r.k, r.n); err != nil {
			fmt.Println("error:", err, errors.Is(err, ErrUnknown))
		}
	}
	fmt.Println(w.history, apple.Qty, hammer.Qty)

	keys := make([]SKU, 0, len(w.stock))
	for k := range w.stock {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b SKU) int {
		va, vb := w.stock[a].Value(), w.stock[b].Value()
		return cmp.Or(cmp.Compare(vb, va), strings.Compare(string(a), string(b)))
	})
	total := 0.0
	for _, k := range keys {
		s := w.stock[k]
		total += s.Value()
		fmt.Printf("%-6s %8.2f  %s\n", k, s.Value(), describe(s))
	}
	fmt.Printf("total %.2f\n", total)
	tags := make([]string, 0, len(w.byTag))
	for t := range w.byTag {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	for _, t := range tags {
		fmt.Print(t, "=", w.byTag[t], " ")
	}
	fmt.Println()
	var none Stockable
	fmt.Println(describe(none), describe(&kit))
	var r Restockable = apple
	r.Restock(1)
	_, isItem := r.(*Item)
	fmt.Println(apple.Qty, isItem, r.Key(), r.Value())
}
