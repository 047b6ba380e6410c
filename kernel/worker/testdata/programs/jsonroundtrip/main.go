// JSON both ways: tags, omitempty, nested structs, custom marshalers,
// unknown shapes into maps, and a streaming decoder.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
)

type Status int

const (
	Active Status = iota + 1
	Retired
)

func (s Status) MarshalText() ([]byte, error) {
	switch s {
	case Active:
		return []byte("active"), nil
	case Retired:
		return []byte("retired"), nil
	}
	return nil, fmt.Errorf("bad status %d", int(s))
}

func (s *Status) UnmarshalText(b []byte) error {
	switch string(b) {
	case "active":
		*s = Active
	case "retired":
		*s = Retired
	default:
		return fmt.Errorf("unknown status %q", b)
	}
	return nil
}

type Address struct {
	City string `json:"city"`
	Zip  string `json:"zip,omitempty"`
}

type Person struct {
	Name     string         `json:"name"`
	Age      int            `json:"age,omitempty"`
	Email    *string        `json:"email"`
	Tags     []string       `json:"tags"`
	Address  Address        `json:"address"`
	Status   Status         `json:"status"`
	Meta     map[string]any `json:"meta,omitempty"`
	Joined   time.Time      `json:"joined"`
	internal int
	Scores   map[string]float64 `json:"-"`
}

func main() {
	email := "ada@example.org"
	ps := []Person{
		{Name: "Ada", Age: 36, Email: &email, Tags: []string{"math"}, Address: Address{"London", "N1"}, Status: Active,
			Joined: time.Date(1843, 7, 1, 0, 0, 0, 0, time.UTC), internal: 7, Scores: map[string]float64{"x": 1}},
		{Name: "Bob", Status: Retired, Meta: map[string]any{"k": []int{1, 2}, "b": true}},
	}
	b, err := json.Marshal(ps)
	fmt.Println(string(b), err)
	var back []Person
	err = json.Unmarshal(b, &back)
	fmt.Println(err, len(back), back[0].Name, *back[0].Email, back[0].Status == Active, back[1].Status, back[1].Email == nil)
	fmt.Println(back[0].Joined.Year(), back[1].Meta["k"], back[0].Address)

	var anyv map[string]any
	json.Unmarshal([]byte(`{"a":1,"b":[true,null,"x"],"c":{"d":2.5}}`), &anyv)
	fmt.Printf("%v %T %T\n", anyv["a"], anyv["b"], anyv["c"])
	for _, k := range []string{"a", "b", "c"} {
		switch v := anyv[k].(type) {
		case float64:
			fmt.Println(k, "number", v)
		case []any:
			fmt.Println(k, "list", len(v), v[2])
		case map[string]any:
			fmt.Println(k, "object", v["d"])
		}
	}
	var p Person
	err = json.Unmarshal([]byte(`{"name":"X","status":"zombie"}`), &p)
	fmt.Println(err)
	dec := json.NewDecoder(strings.NewReader(`{"city":"Oslo"} {"city":"Rome","zip":"00100"} [`))
	for {
		var a Address
		if err := dec.Decode(&a); err != nil {
			fmt.Println("stop:", err)
			break
		}
		fmt.Printf("%+v\n", a)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.Encode(map[string]Status{"x": Retired})
	out, _ := json.MarshalIndent(Address{City: "Paris"}, "", "\t")
	fmt.Println(string(out))
}
