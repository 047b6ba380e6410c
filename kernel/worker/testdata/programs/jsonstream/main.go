// encoding/json beyond Marshal: a Decoder over a stream of values,
// RawMessage for late decoding by a type field, custom MarshalJSON and
// UnmarshalJSON, omitempty, embedded structs, and decoding errors.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

type Envelope struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

type Click struct {
	X, Y int
}

type Key struct {
	Code  string `json:"code"`
	Shift bool   `json:"shift,omitempty"`
}

type Duration struct{ time.Duration }

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

type Meta struct {
	ID      int      `json:"id"`
	Tags    []string `json:"tags,omitempty"`
	Comment string   `json:"-"`
}

type Job struct {
	Meta
	Name    string            `json:"name"`
	Timeout Duration          `json:"timeout"`
	Env     map[string]string `json:"env,omitempty"`
	Next    *Job              `json:"next,omitempty"`
}

func handle(e Envelope) (string, error) {
	switch e.Type {
	case "click":
		var c Click
		if err := json.Unmarshal(e.Data, &c); err != nil {
			return "", fmt.Errorf("click: %w", err)
		}
		return fmt.Sprintf("click at %d,%d", c.X, c.Y), nil
	case "key":
		var k Key
		if err := json.Unmarshal(e.Data, &k); err != nil {
			return "", fmt.Errorf("key: %w", err)
		}
		return fmt.Sprintf("key %s shift=%v", k.Code, k.Shift), nil
	}
	return "", fmt.Errorf("unknown event type %q", e.Type)
}

func main() {
	stream := `{"type":"click","data":{"X":3,"Y":4}}
{"type":"key","data":{"code":"KeyA","shift":true}}
{"type":"scroll","data":{}}
{"type":"click","data":{"X":"oops"}}
{"type":"key","data":{"code":"Enter"}}`
	dec := json.NewDecoder(strings.NewReader(stream))
	for {
		var e Envelope
		err := dec.Decode(&e)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println("decode:", err)
			break
		}
		msg, err := handle(e)
		if err != nil {
			var te *json.UnmarshalTypeError
			fmt.Println("error:", err, errors.As(err, &te))
			continue
		}
		fmt.Println(msg)
	}

	job := Job{Meta: Meta{ID: 7, Comment: "hidden"}, Name: "build", Timeout: Duration{90 * time.Second},
		Next: &Job{Meta: Meta{ID: 8, Tags: []string{"x"}}, Name: "test", Env: map[string]string{"B": "2", "A": "1"}}}
	b, err := json.Marshal(job)
	fmt.Println(string(b), err)
	var back Job
	err = json.Unmarshal(b, &back)
	fmt.Println(err, back.ID, back.Name, back.Timeout.Minutes(), back.Next.Name, back.Next.Env["A"], back.Comment == "", back.Next.Tags)

	var pretty bytes.Buffer
	enc := json.NewEncoder(&pretty)
	enc.SetIndent("", "  ")
	enc.Encode(map[string]any{"z": 1, "a": []any{true, nil, 2.5, "s"}})
	fmt.Print(pretty.String())

	var bad Job
	err = json.Unmarshal([]byte(`{"timeout":"soon"}`), &bad)
	fmt.Println("bad timeout:", err)
	err = json.Unmarshal([]byte(`{"name": 5}`), &bad)
	var te *json.UnmarshalTypeError
	fmt.Println(errors.As(err, &te), te.Field, te.Value)
	err = json.Unmarshal([]byte(`{"name": "x",}`), &bad)
	var se *json.SyntaxError
	fmt.Println(errors.As(err, &se), se.Offset)

	var anyv any
	d2 := json.NewDecoder(strings.NewReader(`{"n": 12345678901234567890, "f": 1.5}`))
	d2.UseNumber()
	d2.Decode(&anyv)
	n := anyv.(map[string]any)["n"].(json.Number)
	_, ierr := n.Int64()
	fmt.Println(n.String(), ierr != nil)

	dis := json.NewDecoder(strings.NewReader(`{"id": 1, "extra": true}`))
	dis.DisallowUnknownFields()
	var m Meta
	fmt.Println(dis.Decode(&m))
}
