// JSON with methods of the program's types: MarshalJSON and UnmarshalJSON
// on values and pointers, text marshalers as map keys, RawMessage for
// polymorphic payloads, omitempty, strict decoding, and indentation.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

type Celsius float64

func (c Celsius) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(strconv.FormatFloat(float64(c), 'f', 1, 64) + "C")), nil
}

func (c *Celsius) UnmarshalJSON(b []byte) error {
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("celsius: %w", err)
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "C"), 64)
	if err != nil {
		return fmt.Errorf("celsius %q: %w", s, err)
	}
	*c = Celsius(v)
	return nil
}

type Station string

func (s Station) MarshalText() ([]byte, error) { return []byte(strings.ToUpper(string(s))), nil }
func (s *Station) UnmarshalText(b []byte) error {
	*s = Station(strings.ToLower(string(b)))
	return nil
}

type Reading struct {
	Station Station   `json:"station"`
	Temp    Celsius   `json:"temp"`
	At      time.Time `json:"at"`
	Note    string    `json:"note,omitempty"`
	Tags    []string  `json:"tags,omitempty"`
}

type Envelope struct {
	Kind    string          `json:"kind"`
	Payload json.RawMessage `json:"payload"`
}

type Alert struct {
	Level   int    `json:"level"`
	Message string `json:"message"`
}

func decode(data string) (any, error) {
	var env Envelope
	dec := json.NewDecoder(strings.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		return nil, fmt.Errorf("envelope: %w", err)
	}
	switch env.Kind {
	case "reading":
		var r Reading
		if err := json.Unmarshal(env.Payload, &r); err != nil {
			return nil, fmt.Errorf("reading: %w", err)
		}
		return r, nil
	case "alert":
		var a Alert
		if err := json.Unmarshal(env.Payload, &a); err != nil {
			return nil, fmt.Errorf("alert: %w", err)
		}
		return a, nil
	}
	return nil, fmt.Errorf("unknown kind %q", env.Kind)
}

func main() {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r := Reading{Station: "oslo", Temp: -3.25, At: at}
	b, err := json.Marshal(r)
	fmt.Println(string(b), err)
	var back Reading
	fmt.Println(json.Unmarshal(b, &back), back.Station, back.Temp, back.At.Equal(at), back.Note == "")

	byStation := map[Station]Celsius{"oslo": 1.5, "rome": 20}
	b, _ = json.Marshal(byStation)
	fmt.Println(string(b))
	var m map[Station]Celsius
	fmt.Println(json.Unmarshal(b, &m), m["oslo"], m["rome"], len(m))

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.Encode([]Reading{{Station: "rome", Temp: 21, At: at, Tags: []string{"sun"}, Note: "warm"}})
	fmt.Print(buf.String())

	payload, _ := json.Marshal(r)
	for _, msg := range []string{
		`{"kind":"reading","payload":` + string(payload) + `}`,
		`{"kind":"alert","payload":{"level":2,"message":"storm"}}`,
		`{"kind":"alert","payload":{"level":"high"}}`,
		`{"kind":"reading","payload":{"temp":"warmC"}}`,
		`{"kind":"noise","payload":{}}`,
		`{"kind":"alert","payload":{},"extra":1}`,
		`{"kind":`,
	} {
		v, err := decode(msg)
		var se *json.SyntaxError
		var ue *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			fmt.Println("syntax at", se.Offset)
		case errors.As(err, &ue):
			fmt.Println("type:", ue.Field, ue.Value)
		case err != nil:
			fmt.Println("error:", err)
		default:
			fmt.Printf("%T %+v\n", v, v)
		}
	}
	var anyv map[string]any
	json.Unmarshal([]byte(`{"a":1,"b":[true,null,"x"],"c":{"d":2.5}}`), &anyv)
	fmt.Println(anyv["a"], anyv["b"], anyv["c"].(map[string]any)["d"])
}
