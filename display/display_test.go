package display

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
)

type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) Display(b Bundle, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, fmt.Sprintf("%v %s %s", update, id, b.String()))
}

func (r *recorder) Clear(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, fmt.Sprintf("clear %v", wait))
}

func TestShowUpdateClear(t *testing.T) {
	r := &recorder{}
	old := SetPublisher(r)
	defer SetPublisher(old)
	h := Show("first")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); h.Update("second") }()
	wg.Wait()
	Clear()
	ClearWait()
	want := []string{"false " + h.ID() + " first", "true " + h.ID() + " second", "clear false", "clear true"}
	if fmt.Sprint(r.events) != fmt.Sprint(want) {
		t.Fatalf("events %q, want %q", r.events, want)
	}
	if Show(1).ID() == h.ID() {
		t.Fatal("display ids must be unique")
	}
}

type card struct{ name string }

func (c card) HTML() string     { return "<b>" + c.name + "</b>" }
func (c card) Markdown() string { return "**" + c.name + "**" }
func (c card) String() string   { return c.name }

func TestRenderMethods(t *testing.T) {
	b := Render(card{"vega"})
	if b.Data[MIMEHTML] != "<b>vega</b>" || b.Data[MIMEMarkdown] != "**vega**" || b.Data[MIMEText] != "vega" {
		t.Fatalf("bundle %v", b.Data)
	}
	if _, ok := b.Data[MIMESVG]; ok {
		t.Fatal("no SVG method, no SVG")
	}
}

func TestRenderBundleGetsText(t *testing.T) {
	b := Render(Bundle{Data: map[string]any{MIMEHTML: "<i>x</i>"}})
	if _, ok := b.Data[MIMEText]; !ok {
		t.Fatal("every bundle needs text/plain")
	}
}

func TestImagesAreBase64(t *testing.T) {
	if got := PNG([]byte{1, 2, 3}).Data[MIMEPNG]; got != "AQID" {
		t.Fatalf("png data %v", got)
	}
}

func TestJSON(t *testing.T) {
	b := JSON(map[string]int{"a": 1})
	raw, err := json.Marshal(b.Data[MIMEJSON])
	if err != nil || string(raw) != `{"a":1}` {
		t.Fatalf("json %s %v", raw, err)
	}
	if bad := JSON(func() {}); bad.Data[MIMEJSON] != nil {
		t.Fatal("an unencodable value must give text, not JSON")
	}
}

// Outside a kernel, output falls back to text on standard output.
func ExampleShow() {
	h := Show(HTML("<b>42</b> alerts"))
	h.Update(Text("43 alerts"))
	// Output:
	// <b>42</b> alerts
	// 43 alerts
}

func ExampleMarkdown() {
	fmt.Println(Markdown("# Alerts per band").Data[MIMEMarkdown])
	// Output: # Alerts per band
}

func ExampleRender() {
	b := Render(card{"ZTF21abc"})
	fmt.Println(b.Data[MIMEHTML])
	// Output: <b>ZTF21abc</b>
}

func ExampleJSON() {
	fmt.Println(JSON(map[string]any{"band": "r", "n": 3}).String())
	// Output:
	// {
	//   "band": "r",
	//   "n": 3
	// }
}
