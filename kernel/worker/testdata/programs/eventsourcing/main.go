// Event sourcing: events as an interface with several struct types, a
// projection rebuilt by replay, snapshots as deep copies, and a JSON log.
package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Event interface {
	Apply(*Cart)
	Kind() string
}

type ItemAdded struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

type ItemRemoved struct {
	SKU string `json:"sku"`
}

type Discounted struct {
	Percent int `json:"percent"`
}

func (e ItemAdded) Apply(c *Cart)   { c.Items[e.SKU] += e.Qty }
func (e ItemAdded) Kind() string    { return "added" }
func (e ItemRemoved) Apply(c *Cart) { delete(c.Items, e.SKU) }
func (e ItemRemoved) Kind() string  { return "removed" }
func (e Discounted) Apply(c *Cart)  { c.Discount = e.Percent }
func (e Discounted) Kind() string   { return "discount" }

type Cart struct {
	Items    map[string]int
	Discount int
	Version  int
}

func NewCart() *Cart { return &Cart{Items: map[string]int{}} }

func (c *Cart) Snapshot() Cart {
	return Cart{Items: maps.Clone(c.Items), Discount: c.Discount, Version: c.Version}
}

func Replay(events []Event) *Cart {
	c := NewCart()
	for _, e := range events {
		e.Apply(c)
		c.Version++
	}
	return c
}

type envelope struct {
	Kind string          `json:"kind"`
	Data json.RawMessage `json:"data"`
}

func Encode(events []Event) ([]byte, error) {
	var out []envelope
	for _, e := range events {
		b, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		out = append(out, envelope{e.Kind(), b})
	}
	return json.Marshal(out)
}

func Decode(b []byte) ([]Event, error) {
	var envs []envelope
	if err := json.Unmarshal(b, &envs); err != nil {
		return nil, err
	}
	var out []Event
	for _, env := range envs {
		var e Event
		switch env.Kind {
		case "added":
			var x ItemAdded
			if err := json.Unmarshal(env.Data, &x); err != nil {
				return nil, err
			}
			e = x
		case "removed":
			var x ItemRemoved
			json.Unmarshal(env.Data, &x)
			e = x
		case "discount":
			var x Discounted
			json.Unmarshal(env.Data, &x)
			e = x
		default:
			return nil, fmt.Errorf("unknown event kind %q", env.Kind)
		}
		out = append(out, e)
	}
	return out, nil
}

func describe(c Cart) string {
	keys := slices.Sorted(maps.Keys(c.Items))
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s×%d", k, c.Items[k]))
	}
	return fmt.Sprintf("v%d [%s] -%d%%", c.Version, strings.Join(parts, " "), c.Discount)
}

func main() {
	events := []Event{
		ItemAdded{"apple", 2},
		ItemAdded{"pear", 1},
		ItemAdded{"apple", 3},
		Discounted{10},
		ItemRemoved{"pear"},
	}
	c := Replay(events[:3])
	snap := c.Snapshot()
	for _, e := range events[3:] {
		e.Apply(c)
		c.Version++
	}
	fmt.Println(describe(snap))
	fmt.Println(describe(*c))
	b, err := Encode(events)
	fmt.Println(string(b), err)
	back, err := Decode(b)
	fmt.Println(len(back), err, describe(*Replay(back)))
	kinds := map[string]int{}
	for _, e := range back {
		kinds[e.Kind()]++
		switch ev := e.(type) {
		case ItemAdded:
			fmt.Print("+", ev.SKU, " ")
		case ItemRemoved:
			fmt.Print("-", ev.SKU, " ")
		}
	}
	fmt.Println(kinds)
	_, err = Decode([]byte(`[{"kind":"teleported","data":{}}]`))
	fmt.Println(err)
}
